#include "nlu/dataset.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <random>

#include "core/json.h"

namespace sa::nlu {
namespace {

bool EndsWith(const std::string& s, const std::string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

// All CSV records of a file (RFC 4180: quoted fields may hold commas,
// doubled quotes and newlines).
std::vector<std::vector<std::string>> ParseCsv(std::istream& in) {
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cur));
      cur.clear();
    } else if (c == '\n') {
      row.push_back(std::move(cur));
      cur.clear();
      if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  if (!cur.empty() || !row.empty()) {
    row.push_back(std::move(cur));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<std::vector<Example>> ReadExamples(const std::string& path, std::string format) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open " + path);
  if (format.empty()) {
    format = EndsWith(path, ".csv") ? "banking" : EndsWith(path, ".tsv") ? "tsv" : "clinc";
  }
  std::vector<Example> out;
  if (format == "banking") {
    auto rows = ParseCsv(in);
    for (size_t n = 0; n < rows.size(); ++n) {
      auto& f = rows[n];
      if (n == 0 && f.size() == 2 && f[0] == "text") continue;
      if (f.size() < 2) return InvalidArgument(path + ": record " + std::to_string(n + 1) + ": want text,category");
      std::string label = f.back();
      f.pop_back();
      std::string text = f[0];
      for (size_t i = 1; i < f.size(); ++i) text += "," + f[i];
      for (char& c : text) if (c == '\n' || c == '\r') c = ' ';
      out.push_back({text, label, ""});
    }
    return out;
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    if (format == "clinc") {
      Json j = Json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("text") || !j.contains("intent")) {
        return InvalidArgument(path + ":" + std::to_string(n) + ": not {\"text\",\"intent\"}");
      }
      if (!j["text"].is_string() || !j["intent"].is_string()) {
        return InvalidArgument(path + ":" + std::to_string(n) + ": text and intent must be strings");
      }
      std::string lang = j.contains("language") && j["language"].is_string()
                             ? j["language"].get<std::string>()
                             : "";
      out.push_back({j["text"].get<std::string>(), j["intent"].get<std::string>(), lang});
    } else if (format == "tsv") {
      if (line[0] == '#') continue;
      size_t tab = line.find('\t');
      if (tab == std::string::npos) return InvalidArgument(path + ":" + std::to_string(n) + ": want text<TAB>intent");
      out.push_back({line.substr(0, tab), line.substr(tab + 1), ""});
      size_t tab2 = out.back().intent.find('\t');
      if (tab2 != std::string::npos) out.back().intent.resize(tab2);
    } else {
      return InvalidArgument("unknown format " + format);
    }
  }
  return out;
}

void SplitExamples(const std::vector<Example>& all, double fraction, unsigned seed,
                   std::vector<Example>* kept, std::vector<Example>* held) {
  std::map<std::string, std::vector<size_t>> by_label;
  for (size_t i = 0; i < all.size(); ++i) by_label[all[i].intent].push_back(i);
  std::mt19937 rng(seed);
  std::vector<bool> is_held(all.size(), false);
  for (auto& [label, idx] : by_label) {
    std::shuffle(idx.begin(), idx.end(), rng);
    size_t n = static_cast<size_t>(idx.size() * fraction + 0.5);
    for (size_t i = 0; i < n; ++i) is_held[idx[i]] = true;
  }
  for (size_t i = 0; i < all.size(); ++i) (is_held[i] ? held : kept)->push_back(all[i]);
}

}  // namespace sa::nlu
