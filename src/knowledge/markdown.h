// Markdown for knowledge articles: rendering to safe HTML and to plain text.
//
// Articles are written by agents and imported from org packs, so their bodies
// are untrusted. RenderMarkdown never lets raw HTML, script URLs or event
// handler attributes through. All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sa::knowledge {

// GitHub-flavoured Markdown (tables, strikethrough, autolinks) to HTML.
// Raw HTML blocks and inline HTML are dropped, links and images whose URL is
// not http(s), mailto, a relative path or an anchor are emptied, and the output
// is checked once more so no `<script`, `on*=` attribute or `javascript:` URL
// survives. Never fails; an empty input gives an empty string.
std::string RenderMarkdown(std::string_view markdown);

// The text a reader sees, without Markdown syntax or HTML: paragraphs and
// list items separated by newlines, runs of spaces collapsed. For snippets
// and for indexing.
std::string PlainText(std::string_view markdown);

}  // namespace sa::knowledge
