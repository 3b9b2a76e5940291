#include "knowledge/glossary.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "knowledge/text.h"

namespace sa::knowledge {
namespace {

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::vector<GlossaryRow> ParseGlossary(std::string_view tsv) {
  std::vector<GlossaryRow> rows;
  std::istringstream in{std::string(tsv)};
  std::string line;
  while (std::getline(in, line)) {
    std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    GlossaryRow row;
    std::istringstream columns(line);
    std::string column;
    while (std::getline(columns, column, '\t')) {
      std::istringstream words(column);
      std::string word;
      while (std::getline(words, word, ',')) {
        std::string w = Trim(word);
        if (!w.empty()) row.push_back(std::move(w));
      }
    }
    if (row.size() > 1) rows.push_back(std::move(row));
  }
  return rows;
}

void TranslationDictionary::AddGroup(const std::vector<std::string>& names, bool alias) {
  Group group;
  group.alias = alias;
  std::set<std::vector<std::string>> seen;
  for (const auto& n : names) {
    Name name;
    name.language = DetectLanguageOf(n);
    std::vector<Term> terms = TextTerms(n, TermMode::kIndex);
    size_t strong = std::count_if(terms.begin(), terms.end(), [](const Term& t) { return !t.weak; });
    for (const auto& t : terms) {
      name.seq.push_back(t.term);
      // A CJK name gives its bigrams; a one-character name its character.
      if (!t.weak || strong == 0) name.terms.emplace_back(t.term, t.weak);
    }
    if (name.seq.empty() || !seen.insert(name.seq).second) continue;
    group.names.push_back(std::move(name));
  }
  std::set<std::string> languages;
  for (const auto& n : group.names) languages.insert(n.language);
  if (languages.size() < 2) return;  // nothing to translate to
  const auto g = static_cast<uint32_t>(groups_.size());
  for (uint32_t i = 0; i < group.names.size(); ++i) {
    by_first_[group.names[i].seq.front()].emplace_back(g, i);
  }
  groups_.push_back(std::move(group));
}

void TranslationDictionary::AddGlossary(const std::vector<GlossaryRow>& rows) {
  for (const auto& row : rows) AddGroup(row, /*alias=*/false);
}

std::vector<Expansion> TranslationDictionary::Expand(const std::vector<std::string>& seq) const {
  std::vector<Expansion> out;
  for (size_t i = 0; i < seq.size(); ++i) {
    auto it = by_first_.find(seq[i]);
    if (it == by_first_.end()) continue;
    for (auto [g, n] : it->second) {
      const Group& group = groups_[g];
      const Name& name = group.names[n];
      if (i + name.seq.size() > seq.size() ||
          !std::equal(name.seq.begin(), name.seq.end(), seq.begin() + static_cast<long>(i))) {
        continue;
      }
      for (const Name& other : group.names) {
        if (other.language == name.language) continue;
        for (const auto& [term, weak] : other.terms) {
          out.push_back({i, i + name.seq.size(), term, weak, group.alias});
        }
      }
    }
  }
  return out;
}

}  // namespace sa::knowledge
