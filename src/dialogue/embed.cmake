# Writes OUT, a C++ file defining EmbeddedMessageCatalogs() from every
# resources/messages/<lang>.json in DIR.
file(GLOB files "${DIR}/*.json")
set(body "")
foreach(f IN LISTS files)
  get_filename_component(lang "${f}" NAME_WE)
  file(READ "${f}" text)
  string(APPEND body "  m[\"${lang}\"] = R\"SA_JSON(${text})SA_JSON\";\n")
endforeach()
file(WRITE "${OUT}.tmp" "#include \"dialogue/messages_data.h\"\nnamespace sa::dialogue {\nstd::map<std::string, std::string> EmbeddedMessageCatalogs() {\n  std::map<std::string, std::string> m;\n${body}  return m;\n}\n}  // namespace sa::dialogue\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
