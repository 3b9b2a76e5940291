// sa_kb_tool: the `kb` commands without the whole server (evaluation runs).
#include "knowledge/cli.h"

int main(int argc, char** argv) { return sa::knowledge::KbMain(argc - 1, argv + 1); }
