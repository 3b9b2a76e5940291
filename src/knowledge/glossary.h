// Cross-language query expansion (private to the knowledge module): groups of
// words or names that mean the same thing in different languages, and the
// lookup that finds them in a question and proposes the other languages'
// terms.
//
// Two sources feed one dictionary: the IT-support glossary we ship
// (resources/knowledge/glossary.tsv, embedded in the binary: "password" =
// "пароль" = "密码") and the organization's own multilingual aliases (each
// service and each request-catalog item is a group: "AnyPath VPN" = "впн" =
// "远程访问"). A name is kept as its sequence of index terms (text.h), so
// matching works on stems and Chinese n-grams exactly as search does.
//
// Thread-safety: building (Add*) is not thread-safe; Expand is const and may
// run concurrently once building is done.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sa::knowledge {

// One row of the glossary: the same concept's words in several languages.
using GlossaryRow = std::vector<std::string>;

// Rows of a glossary file: one concept a line, columns (languages) separated
// by tabs, alternatives inside a column by commas; '#' starts a comment line.
std::vector<GlossaryRow> ParseGlossary(std::string_view tsv);

// The glossary shipped with the binary (resources/knowledge/glossary.tsv).
std::string_view EmbeddedGlossary();

// A term to add to a question because it translates a part of it.
struct Expansion {
  size_t first = 0, last = 0;  // the question's term positions [first, last) it translates
  std::string term;
  bool weak = false;   // a CJK unigram (weaker evidence)
  bool alias = false;  // from the organization's aliases rather than the glossary
};

class TranslationDictionary {
 public:
  // Adds a group of names of one thing. Names whose language (script) differs
  // translate each other; names in the same language do not (no synonyms, so
  // monolingual search is unchanged). `alias`: an organization's alias group.
  void AddGroup(const std::vector<std::string>& names, bool alias);
  // The shipped glossary.
  void AddGlossary(const std::vector<GlossaryRow>& rows);

  // For every group name found in `seq` (a question's terms in order, as
  // TextTerms gives them), the terms of the group's names in other languages.
  std::vector<Expansion> Expand(const std::vector<std::string>& seq) const;

  size_t Groups() const { return groups_.size(); }

 private:
  struct Name {
    std::vector<std::string> seq;  // index terms of the name, in order
    std::vector<std::pair<std::string, bool>> terms;  // terms it contributes (term, weak)
    std::string language;
  };
  struct Group {
    std::vector<Name> names;
    bool alias = false;
  };
  std::vector<Group> groups_;
  // First term of a name -> (group, name) pairs starting with it.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> by_first_;
};

}  // namespace sa::knowledge
