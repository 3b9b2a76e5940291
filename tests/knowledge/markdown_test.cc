#include "knowledge/markdown.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace sa::knowledge {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// No way left to run script: no script/iframe/object tags, no event handler
// attribute, no javascript:/vbscript:/data: URL in an href or src.
void ExpectInert(const std::string& html) {
  std::string l = Lower(html);
  EXPECT_EQ(l.find("<script"), std::string::npos) << html;
  EXPECT_EQ(l.find("<iframe"), std::string::npos) << html;
  EXPECT_EQ(l.find("<object"), std::string::npos) << html;
  EXPECT_EQ(l.find("<svg"), std::string::npos) << html;
  EXPECT_EQ(l.find("<img src=\"javascript"), std::string::npos) << html;
  EXPECT_EQ(l.find(" onerror="), std::string::npos) << html;
  EXPECT_EQ(l.find(" onload="), std::string::npos) << html;
  EXPECT_EQ(l.find(" onclick="), std::string::npos) << html;
  EXPECT_EQ(l.find("href=\"javascript:"), std::string::npos) << html;
  EXPECT_EQ(l.find("href=\"vbscript:"), std::string::npos) << html;
  EXPECT_EQ(l.find("href=\"data:"), std::string::npos) << html;
  EXPECT_EQ(l.find("src=\"data:"), std::string::npos) << html;
}

TEST(MarkdownTest, RendersGithubFlavouredMarkdown) {
  std::string html = RenderMarkdown(
      "# Title\n\n1. **Open** the app\n2. ~~old~~ new\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
      "See https://example.com/help and [docs](https://docs.example.com).\n");
  EXPECT_NE(html.find("<h1>Title</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<strong>Open</strong>"), std::string::npos) << html;
  EXPECT_NE(html.find("<del>old</del>"), std::string::npos) << html;
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://example.com/help\">"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://docs.example.com\">docs</a>"), std::string::npos) << html;
}

TEST(MarkdownTest, DropsRawHtmlBlocksAndInlineTags) {
  const char* bodies[] = {
      "<script>alert(1)</script>",
      "Hello <script>alert(1)</script> world",
      "<img src=x onerror=alert(1)>",
      "text <img src=\"x\" onerror=\"alert(1)\"> text",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<div onclick=\"steal()\">click me</div>",
      "<svg/onload=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<object data=\"evil.swf\"></object>",
      "<<script>script>alert(1)<</script>/script>",
  };
  for (const char* body : bodies) {
    std::string html = RenderMarkdown(body);
    ExpectInert(html);
  }
  EXPECT_NE(RenderMarkdown("Hello <script>alert(1)</script> world").find("Hello"),
            std::string::npos);
}

TEST(MarkdownTest, EmptiesScriptAndDataUrlsInLinksAndImages) {
  const char* bodies[] = {
      "[click](javascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      "[click](  javascript:alert(1) )",
      "[click](java\tscript:alert(1))",
      "[click](&#106;avascript:alert(1))",
      "[click](vbscript:msgbox(1))",
      "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "![img](data:image/png;base64,iVBORw0KGgo=)",
      "![img](javascript:alert(1))",
      "[ref]\n\n[ref]: javascript:alert(1)",
      "<javascript:alert(1)>",
  };
  for (const char* body : bodies) ExpectInert(RenderMarkdown(body));
  EXPECT_NE(RenderMarkdown("[ok](/kb/vpn#step-2)").find("href=\"/kb/vpn#step-2\""),
            std::string::npos);
  EXPECT_NE(
      RenderMarkdown("[mail](mailto:it@acme.example)").find("href=\"mailto:it@acme.example\""),
      std::string::npos);
}

TEST(MarkdownTest, EscapesTextThatLooksLikeHtmlInCode) {
  std::string html = RenderMarkdown("Type `<script>` and\n\n```\n<b onclick=x>\n```\n");
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;b onclick=x&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b "), std::string::npos) << html;
}

TEST(MarkdownTest, PlainTextDropsMarkupAndHtml) {
  std::string text = PlainText(
      "# Set up\n\n1. Open **Company Portal** and search `AnyPath`.\n2. Click "
      "[here](https://x.example)."
      "\n\n<script>alert(1)</script>\n");
  EXPECT_EQ(text, "Set up\nOpen Company Portal and search AnyPath.\nClick here.");
}

TEST(MarkdownTest, EmptyInputGivesEmptyOutput) {
  EXPECT_EQ(RenderMarkdown(""), "");
  EXPECT_EQ(PlainText(""), "");
}

}  // namespace
}  // namespace sa::knowledge
