"""Report texts: every text the reports pass through ``t()`` has a Chinese translation; reports follow the locale."""

import ast
import os
import re
from html.parser import HTMLParser

from core.report_text import ZH_CN, translator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPORTS = ("core/analysis/validation_report.py", "core/calibration/report.py", "core/analysis/corridor_report.py",
           "core/regional/point_report.py", "core/prep/stations.py")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def report_texts():
    found = set()
    for rel in REPORTS:
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "claim" for t in node.targets):
                found |= {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
    return found


def test_every_report_text_is_translated_and_no_entry_is_unused():
    used = report_texts()
    used |= {"Borehole", "Lon (°)", "Lat (°)", "Depth (m)", "Model depth (m)", "Distance (km)", "Observed (°C)",
             "Model (°C)", "Residual (°C)", "Reason", "Route", "Length (km)", "On permafrost (km)",
             "Warm permafrost ≥ {t:g} °C (km)", "No data (km)", "Coldest MAGT (°C)", "from (km)", "to (km)",
             "Warmest MAGT (°C)", "id", "name", "lat", "lon", "elevation (m)", "observed (°C)", "predicted (°C)",
             "error (°C)", *"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()}  # translated in loops
    assert used - set(ZH_CN) == set()
    assert set(ZH_CN) - used == set()
    for source, text in ZH_CN.items():
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), source


def test_locale_codes_of_simplified_chinese_select_the_table():
    for code in ("zh_CN", "zh-Hans", "zh", "zh_CN.UTF-8", "zh-Hans-CN"):
        assert translator(code)("Residuals") == "残差"
    for code in (None, "en_US", "zh_TW", "de"):
        assert translator(code)("Residuals") == "Residuals"


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def test_validation_report_in_chinese_parses_and_keeps_the_verdict(tmp_path):
    from core.analysis.validation import OK, Borehole, Match, statistics

    matches = [Match(Borehole("ZK1", 121.0, 51.0, 10.0, -1.0), OK, -0.8, 10.0),
               Match(Borehole("ZK2", 121.1, 51.1, 10.0, -0.5), OK, -0.6, 10.0)]
    from core.analysis.validation_report import write_validation_report

    path = write_validation_report(str(tmp_path / "v.html"), matches, statistics(matches), locale="zh_CN")
    parser = Text()
    parser.feed(open(path, encoding="utf-8").read())
    text = "".join(parser.parts)
    assert "模拟年平均地温的钻孔验证" in text and "统计量（模拟 − 实测）" in text
    assert "达到已发表产品所称的 RMSE < 0.5 °C" in text and "ZK2" in text
