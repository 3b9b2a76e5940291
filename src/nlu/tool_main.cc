// sa_nlu_tool: stand-alone entry to the NLU command line (same as `smartassist nlu`).
#include "nlu/cli.h"

int main(int argc, char** argv) { return sa::nlu::NluMain(argc - 1, argv + 1); }
