"""Every occurrence of a listed place surface in the visible Chinese text, with context and a proposed decision.

The proposal only pre-sorts; every candidate is then reviewed by a person and the verdicts recorded in
zh_review.tsv. Longest surface wins at each position; matches may span hidden markup (e.g. 北朝-{}-鮮).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from jsonl_io import read_text
from readable import DOC, skip_mask

HERE = Path(__file__).resolve().parent
# A surface directly followed by one of these is part of an organisation, war, person-group or title name.
DROP_AFTER = [
    "人民军", "人民軍", "人民志愿军", "人民志願軍", "人民解放军", "人民解放軍", "国军", "國軍", "劳动党", "勞動黨",
    "战争", "戰爭", "停战协定", "停戰協定", "停战協定", "人", "族", "民众", "民眾", "王朝", "共产党", "陆军",
    "陸軍", "海军", "海軍", "空军", "空軍", "国务院", "國務院", "第", "国会", "國會", "央行", "中央银行",
    "最高人民会议", "临时人民委员会", "國防警備隊", "光復軍", "國民革命軍", "问题委员会", "問題委員會",
    "陸軍工兵隊", "抗美援朝", "军团", "軍團", "集團軍", "北極熊團", "國防大学", "中央电视台", "外交部",
    "抗美援朝纪念馆", "战争纪念馆", "戰爭紀念館", "战役纪念碑", "駐韓大使館", "參議院", "参谋长联席会议",
    "參謀長聯席會議", "遠東海軍", "统一部", "国土防空军", "共产党中央",
]


def load_places() -> dict[str, dict]:
    """key -> row of zh_places.tsv."""
    with open(HERE / "zh_places.tsv", encoding="utf-8") as handle:
        return {row["key"]: row for row in csv.DictReader(handle, delimiter="\t")}


def visible_projection(text: str) -> tuple[str, list[int]]:
    """The visible characters and, for each, its index in the source."""
    mask = skip_mask(text)
    index = [k for k in range(len(text)) if not mask[k]]
    return "".join(text[k] for k in index), index


def find(text: str) -> list[dict]:
    places = load_places()
    forms = {}
    for key, row in places.items():
        for surface in filter(None, row["surfaces"].split(",")):
            forms.setdefault(surface, key)
    seen, index = visible_projection(text)
    longest = max(map(len, forms))
    out, pos = [], 0
    while pos < len(seen):
        for size in range(min(longest, len(seen) - pos), 0, -1):
            chunk = seen[pos:pos + size]
            if chunk in forms:
                start, end = index[pos], index[pos + size - 1] + 1
                after = seen[pos + size:pos + size + 12]
                before = seen[max(0, pos - 12):pos]
                drop = next((a for a in DROP_AFTER if after.startswith(a)), "")
                opened = before.rfind("《") > before.rfind("》")
                out.append({"start": start, "end": end, "surface": text[start:end], "key": forms[chunk],
                            "context": f"{seen[max(0, pos - 14):pos]}【{chunk}】{seen[pos + size:pos + size + 14]}",
                            "proposal": "drop:" + drop if drop else ("drop:title" if opened else "keep")})
                pos += size
                break
        else:
            pos += 1
    return out


if __name__ == "__main__":
    import sys

    a, b = int(sys.argv[1]), int(sys.argv[2])
    for row in find(read_text(DOC)):
        if a <= row["start"] < b:
            ctx = re.sub(r"\s+", " ", row["context"])
            print(f"{row['start']}\t{row['key']}\t{row['proposal']}\t{ctx}")
