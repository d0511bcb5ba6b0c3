"""Interface language: every string has a Chinese translation, loaded from the QGIS locale (also in qgis_process)."""

import importlib.util
import os
import re
from html.parser import HTMLParser

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QUrl

from permafrost_magt.algorithms import base
from permafrost_magt.algorithms.provider import algorithm_classes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TS = os.path.join(ROOT, "i18n", "permafrost_magt_zh_CN.ts")
QM = os.path.join(ROOT, "i18n", "permafrost_magt_zh_CN.qm")
CJK = re.compile("[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture(scope="module")
def strings(provider):
    spec = importlib.util.spec_from_file_location("permafrost_i18n_strings", os.path.join(ROOT, "i18n", "strings.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def zh(strings):
    return strings.read_ts(TS)


def built(cls):
    alg = cls()
    alg.initAlgorithm({})
    return alg


def in_language(locale, make):
    """``make()`` with the plugin translation of ``locale`` installed; English is restored afterwards."""
    try:
        assert base.install_translator(locale) is not None
        return make()
    finally:
        base.install_translator("en_US")


def test_every_interface_and_message_string_has_a_translation(strings, zh):
    sources = strings.all_strings()
    assert len(sources) > 300 and len(strings.source_strings()) > 40
    missing = [s for s in sources if not zh.get(s)]
    assert not missing, f"{len(missing)} strings without a translation, e.g. {missing[:3]}"


def test_translations_keep_the_placeholders_and_are_chinese(zh):
    for source, text in zh.items():
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), source
        if len(source) > 40:
            assert CJK.search(text), source


def test_compiled_qm_holds_every_translation_of_the_ts(qgis_app, zh):
    assert os.path.getsize(QM) > 0
    stale = in_language("zh_CN", lambda: [s for s, t in zh.items() if base.tr(s) != t])
    assert not stale, f"run `make translations`: {len(stale)} strings differ, e.g. {stale[:2]}"
    assert base.tr("Parameters") == "Parameters"  # English again once the translation is removed


def test_algorithms_in_chinese_use_the_translation_of_every_english_string(provider, zh):
    english = [built(cls) for cls in algorithm_classes()]
    chinese = in_language("zh_CN", lambda: [(built(cls), cls().displayName(), cls().group(),
                                             provider.name()) for cls in algorithm_classes()])
    assert chinese[0][3] == zh[provider.name()] == "多年冻土地温"
    for en, (cn, title, group, _) in zip(english, chinese):
        assert title == zh[en.displayName()] and CJK.search(title)
        assert group == zh[en.group()] and CJK.search(group)
        for p_en in en.parameterDefinitions():
            p_cn = cn.parameterDefinition(p_en.name())
            assert p_cn.description() == zh[p_en.description()], p_en.name()
            assert p_cn.help() == zh[p_en.help()], p_en.name()
            if hasattr(p_en, "options"):
                assert p_cn.options() == [zh[o] for o in p_en.options()]
        for o_en in en.outputDefinitions():
            assert cn.outputDefinition(o_en.name()).description() == zh[o_en.description()]


def test_simplified_chinese_locale_names_of_qgis_select_zh_cn(qgis_app):
    settings = QgsSettings()
    old = settings.value("locale/userLocale")
    try:
        for code in ("zh-Hans", "zh_CN", "zh"):
            settings.setValue("locale/userLocale", code)
            assert base.interface_locale() == "zh_CN"
        settings.setValue("locale/userLocale", "zh-Hant")
        assert base.interface_locale() == "zh_Hant"
    finally:
        if old is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", old)


class HelpText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_help_parses_as_html_with_every_sentence_intact(provider, locale):
    def check():
        for cls in algorithm_classes():
            alg = built(cls)
            parser = HelpText()
            parser.feed(alg.shortHelpString())
            parser.close()
            text = "".join(parser.text)
            assert parser.tags <= {"p", "h3", "dl", "dt", "dd", "b"}, alg.name()
            for paragraph in alg.help_paragraphs():
                assert paragraph in text, alg.name()
            for p in alg.parameterDefinitions():
                assert p.description() in text and p.help() in text, (alg.name(), p.name())
        return True

    assert in_language(locale, check) if locale != "en_US" else check()


def test_soil_and_station_help_keep_the_text_after_less_than_signs(provider):
    hwsd = {cls.NAME: built(cls) for cls in algorithm_classes()}
    parser = HelpText()
    parser.feed(hwsd["prepare_soil_hwsd"].shortHelpString())
    assert "clay < 15 %" in "".join(parser.text) and "a is capped at the water content" in "".join(parser.text)
    parser = HelpText()
    parser.feed(hwsd["prepare_climate_stations"].shortHelpString())
    assert "<prefix>01 … <prefix>12" in "".join(parser.text)


def readme_anchors():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return {base.readme_anchor(line.lstrip("#").strip()) for line in f if line.startswith("#")}


def test_help_button_opens_the_readme_section_of_each_algorithm(provider):
    anchors = readme_anchors()
    for alg in provider.algorithms():
        if alg.name() not in {cls.NAME for cls in algorithm_classes()}:
            continue
        url = QUrl(alg.helpUrl())
        assert url.isLocalFile() and os.path.samefile(url.toLocalFile(), os.path.join(ROOT, "README.md"))
        assert url.fragment() in anchors, alg.name()


def test_tags_find_each_tool_in_english_and_chinese(provider):
    corridors = [a for a in provider.algorithms() if "pipeline" in a.tags()]
    assert [a.name() for a in corridors] == ["route_corridors"] and "管道" in corridors[0].tags()
    for cls in algorithm_classes():
        tags = cls().tags()
        assert {"MAGT", "permafrost", "冻土", "地温"} <= set(tags), cls.NAME
        assert len([t for t in tags if CJK.search(t)]) >= 5, cls.NAME
    def found(term):  # the toolbox search matches names and tags
        return {cls.NAME for cls in algorithm_classes() if term in cls().tags() or term in cls().displayName()}

    assert {"simulate", "route_corridors", "column_explorer"} <= found("active layer")
    assert found("MAGT") == found("冻土") == {cls.NAME for cls in algorithm_classes()}
    assert "borehole_validation" in found("钻孔") and "stability_classes" in found("热稳定性")


def test_groups_sort_in_workflow_order_with_one_icon_each(provider):
    algs = [cls() for cls in algorithm_classes()]
    order = sorted({a.group() for a in algs})
    assert [a.groupId() for a in sorted(algs, key=lambda a: a.group())][0] == "input"
    assert order == [base.GROUPS[k] for k in ("input", "model", "analysis")]
    chinese = in_language("zh_CN", lambda: ([a.group() for a in algs], [base.tr(base.GROUPS[k])
                                                                         for k in ("input", "model", "analysis")]))
    assert sorted(set(chinese[0])) == chinese[1] and chinese[1][0] == "1 · 输入数据准备"
    icons = {a.groupId(): a.svgIconPath() for a in algs}
    assert len(set(icons.values())) == 3 and all(os.path.isfile(p) for p in icons.values())
    assert not any(a.icon().isNull() for a in algs)


def test_the_two_soil_tools_differ_in_their_first_words(provider):
    names = {cls.NAME: cls().displayName() for cls in algorithm_classes()}
    assert names["prepare_soil_hwsd"][:12] != names["prepare_soil_soilgrids"][:12]


def test_bundled_workflow_model_is_in_the_toolbox_in_the_model_group(provider):
    models = [a for a in provider.algorithms() if a.name() == "Permafrost MAGT workflow"]
    assert len(models) == 1 and models[0].groupId() == "model" and models[0].group() == base.tr("2 · Model")
    assert "demo/data" not in models[0].shortHelpString()
    assert all("demo/data" not in text for text in models[0].helpContent().values())


# ---------------------------------------------------------------- qgis_process in Chinese and in English


def listed_names(output):
    """{algorithm id: name} of the permafrost lines of ``qgis_process list``."""
    rows = (line.strip().split("\t") for line in output.splitlines() if line.strip().startswith("permafrost:"))
    return {row[0]: row[1] for row in rows if len(row) == 2}


def argument_descriptions(output):
    """{parameter name: description} of the Arguments section of ``qgis_process help``."""
    found = {}
    for line in output.split("Arguments", 1)[1].splitlines():
        m = re.match(r"^([A-Z_0-9]+): (.+)$", line)
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


@pytest.mark.parametrize("locale", ["zh_CN", "en_US"])
def test_qgis_process_lists_and_describes_in_the_qgis_language(qgis_process_env, plugin_parent, zh, locale):
    run = qgis_process_env(plugin_parent, locale=locale)
    names = listed_names(run("list"))
    for cls in algorithm_classes():
        english = cls.DISPLAY
        assert names[f"permafrost:{cls.NAME}"] == (zh[english] if locale == "zh_CN" else english)
    for name in ("simulate", "stability_classes"):
        english = built({c.NAME: c for c in algorithm_classes()}[name])
        described = argument_descriptions(run("help", f"permafrost:{name}"))
        for p in english.parameterDefinitions():
            if p.isDestination():
                continue  # listed as "NAME: <outputRaster>"
            expected = zh[p.description()] if locale == "zh_CN" else p.description()
            assert described[p.name()] == expected, (name, p.name())
