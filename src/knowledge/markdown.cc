#include "knowledge/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace sa::knowledge {
namespace {

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SAFE;

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

ParserPtr NewParser() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  ParserPtr parser(cmark_parser_new(kOptions));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  return parser;
}

// True for URLs a reader may follow: http(s), mailto, and scheme-less
// (relative paths, anchors, queries). Anything else (javascript:, data:,
// vbscript:, file:...) is refused, however it is cased or padded.
bool IsSafeUrl(std::string_view url) {
  std::string u;
  for (char c : url) {
    auto uc = static_cast<unsigned char>(c);
    if (uc <= 0x20 || uc == 0x7F) continue;  // browsers ignore these in schemes
    u.push_back(static_cast<char>(std::tolower(uc)));
  }
  size_t colon = u.find(':');
  size_t stop = u.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon)) return true;
  std::string scheme = u.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// Removes raw HTML nodes and neutralises unsafe link/image URLs in place.
void Sanitize(cmark_node* root) {
  std::vector<cmark_node*> doomed;
  cmark_iter* iter = cmark_iter_new(root);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        doomed.push_back(node);
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        const char* url = cmark_node_get_url(node);
        if (url != nullptr && !IsSafeUrl(url)) cmark_node_set_url(node, "");
        break;
      }
      default:
        break;
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* n : doomed) {
    cmark_node_unlink(n);
    cmark_node_free(n);
  }
}

NodePtr Parse(cmark_parser* parser, std::string_view markdown) {
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return NodePtr(cmark_parser_finish(parser));
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Defence in depth: the tags cmark emits, checked once more. Any tag that is
// not one of ours, or any attribute other than href/src/title/alt/align/
// class/start/type/checked/disabled, fails the check.
bool LooksSafe(const std::string& html) {
  static const std::vector<std::string> kTags = {
      "p",   "h1",  "h2",         "h3",    "h4",      "h5",    "h6",     "ul",
      "ol",  "li",  "blockquote", "pre",   "code",    "em",    "strong", "a",
      "img", "hr",  "br",         "table", "thead",   "tbody", "tr",     "th",
      "td",  "del", "input",      "sup",   "section", "div",   "span"};
  static const std::vector<std::string> kAttrs = {"href",
                                                  "src",
                                                  "title",
                                                  "alt",
                                                  "align",
                                                  "class",
                                                  "start",
                                                  "type",
                                                  "checked",
                                                  "disabled",
                                                  "id",
                                                  "lang",
                                                  "data-footnote-ref",
                                                  "data-footnotes"};
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    size_t end = html.find('>', pos);
    if (end == std::string::npos) return false;
    std::string tag = html.substr(pos + 1, end - pos - 1);
    if (!tag.empty() && tag[0] == '/') tag.erase(0, 1);
    size_t name_end = tag.find_first_of(" /");
    std::string name = tag.substr(0, name_end);
    if (std::find(kTags.begin(), kTags.end(), name) == kTags.end()) return false;
    // Attributes: name="value" pairs; values are escaped by cmark so contain no '"'.
    size_t i = name_end;
    while (i != std::string::npos && i < tag.size()) {
      while (i < tag.size() && (tag[i] == ' ' || tag[i] == '/')) ++i;
      if (i >= tag.size()) break;
      size_t eq = tag.find_first_of("= ", i);
      std::string attr = tag.substr(i, eq == std::string::npos ? std::string::npos : eq - i);
      if (std::find(kAttrs.begin(), kAttrs.end(), attr) == kAttrs.end()) return false;
      if (eq == std::string::npos || tag[eq] == ' ') {
        i = eq;
        continue;
      }
      if (eq + 1 >= tag.size() || tag[eq + 1] != '"') return false;
      size_t close = tag.find('"', eq + 2);
      if (close == std::string::npos) return false;
      std::string value = tag.substr(eq + 2, close - eq - 2);
      if ((attr == "href" || attr == "src") && !IsSafeUrl(value)) return false;
      i = close + 1;
    }
    pos = end + 1;
  }
  return true;
}

void CollectText(cmark_node* root, std::string* out) {
  cmark_iter* iter = cmark_iter_new(root);
  cmark_event_type ev;
  auto newline = [&] {
    while (!out->empty() && out->back() == ' ') out->pop_back();
    if (!out->empty() && out->back() != '\n') out->push_back('\n');
  };
  auto space = [&] {
    if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
  };
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER) {
      switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: {
          const char* lit = cmark_node_get_literal(node);
          if (lit != nullptr) *out += lit;
          break;
        }
        case CMARK_NODE_CODE_BLOCK: {
          newline();
          const char* lit = cmark_node_get_literal(node);
          if (lit != nullptr) *out += lit;
          newline();
          break;
        }
        case CMARK_NODE_SOFTBREAK:
          space();
          break;
        case CMARK_NODE_LINEBREAK:
          newline();
          break;
        default:
          break;
      }
    } else if (ev == CMARK_EVENT_EXIT) {
      if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
        newline();
      } else if (type != CMARK_NODE_TEXT && type != CMARK_NODE_CODE && type != CMARK_NODE_EMPH &&
                 type != CMARK_NODE_STRONG && type != CMARK_NODE_LINK) {
        space();  // table cells and other custom inlines
      }
    }
  }
  cmark_iter_free(iter);
  while (!out->empty() && (out->back() == '\n' || out->back() == ' ')) out->pop_back();
}

}  // namespace

std::string RenderMarkdown(std::string_view markdown) {
  if (markdown.empty()) return "";
  ParserPtr parser = NewParser();
  NodePtr doc = Parse(parser.get(), markdown);
  if (!doc) return "";
  Sanitize(doc.get());
  char* raw =
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  std::string html = raw != nullptr ? raw : "";
  std::free(raw);
  if (!LooksSafe(html)) return "<pre>" + EscapeHtml(markdown) + "</pre>\n";
  return html;
}

std::string PlainText(std::string_view markdown) {
  if (markdown.empty()) return "";
  ParserPtr parser = NewParser();
  NodePtr doc = Parse(parser.get(), markdown);
  if (!doc) return "";
  std::string out;
  CollectText(doc.get(), &out);
  return out;
}

}  // namespace sa::knowledge
