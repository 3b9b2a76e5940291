#!/usr/bin/env python3
"""Writes an organization pack's articles and vocabulary as the JSONL files that
`kb eval --articles A --services S` and tests/knowledge read.

usage: pack_to_jsonl.py PACK.yaml OUT_PREFIX
  -> OUT_PREFIX-articles.jsonl  one article a line (id, title, language, translations,
                                audience, services, tags, body)
  -> OUT_PREFIX-services.jsonl  {"id": service id, "names": [name, aliases...]} per service,
                                then {"id": "", "names": [...]} per catalog item (an alias
                                group that is no service: used only for query expansion)
"""
import json
import sys

import yaml


def main():
    pack = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    prefix = sys.argv[2]
    default_language = (pack.get("organization", {}).get("languages") or ["en"])[0]
    with open(prefix + "-articles.jsonl", "w", encoding="utf-8") as out:
        for a in pack.get("knowledge") or []:
            row = {
                "id": a["id"],
                "title": a["title"],
                "language": a.get("language", default_language),
                "translations": a.get("translations") or {},
                "audience": a.get("audience") or ["all"],
                "services": a.get("services") or [],
                "tags": a.get("tags") or [],
                "body": a.get("body", ""),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(prefix + "-services.jsonl", "w", encoding="utf-8") as out:
        for s in pack.get("services") or []:
            names = [s["name"]] + list(s.get("aliases") or [])
            out.write(json.dumps({"id": s["id"], "names": names}, ensure_ascii=False) + "\n")
        for c in pack.get("request_catalog") or []:
            names = [c["name"]] + list(c.get("aliases") or [])
            out.write(json.dumps({"id": "", "names": names}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
