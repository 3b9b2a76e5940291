# Writes OUT, a C++ file defining EmbeddedGlossary() from FILE
# (resources/knowledge/glossary.tsv), so the binary needs no resource directory.
file(READ "${FILE}" text)
file(WRITE "${OUT}.tmp" "#include \"knowledge/glossary.h\"\nnamespace sa::knowledge {\nstd::string_view EmbeddedGlossary() {\n  static constexpr std::string_view kText = R\"SA_TSV(${text})SA_TSV\";\n  return kText;\n}\n}  // namespace sa::knowledge\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
