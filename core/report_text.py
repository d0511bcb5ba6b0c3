"""Texts of the HTML reports in the interface language (no QGIS here): English source → translation per locale.

The algorithms pass the language of the installed interface translation (e.g. ``"zh_CN"``); any other
locale, or a text missing from the table, gives the English source text. Texts with ``{}`` fields are
formatted by the caller after translation.
"""

ZH_CN = {
    # borehole validation report
    "Borehole validation of modelled MAGT": "模拟年平均地温的钻孔验证",
    "boreholes": "钻孔",
    "Observed MAGT (°C)": "实测年平均地温（°C）",
    "Model MAGT (°C)": "模拟年平均地温（°C）",
    "RMSE {rmse:.2f} °C meets the published product's claim RMSE < {target:g} °C.":
        "RMSE {rmse:.2f} °C，达到已发表产品所称的 RMSE < {target:g} °C。",
    "RMSE {rmse:.2f} °C does not meet the published product's claim RMSE < {target:g} °C.":
        "RMSE {rmse:.2f} °C，未达到已发表产品所称的 RMSE < {target:g} °C。",
    "No borehole could be compared with the model.": "没有任何钻孔可与模型比较。",
    "Statistics (model − observed)": "统计量（模拟 − 实测）",
    "Bias (°C)": "偏差（°C）",
    "Observed vs model": "实测与模拟对比",
    "Observed vs model MAGT": "实测与模拟年平均地温对比",
    "Residuals": "残差",
    "Borehole": "钻孔",
    "Lon (°)": "经度（°）",
    "Lat (°)": "纬度（°）",
    "Depth (m)": "深度（m）",
    "Model depth (m)": "模型深度（m）",
    "Distance (km)": "距离（km）",
    "Observed (°C)": "实测（°C）",
    "Model (°C)": "模拟（°C）",
    "Residual (°C)": "残差（°C）",
    "Reason": "原因",
    "Boreholes not compared ({n})": "未比较的钻孔（{n}）",
    "None: every borehole was compared.": "无：所有钻孔均已比较。",
    # route corridor report
    "Route corridor permafrost report": "线路走廊多年冻土报告",
    "warm threshold {t:g} °C": "高温阈值 {t:g} °C",
    "MAGT (°C)": "年平均地温（°C）",
    "ALT (m)": "活动层厚度（m）",
    "Chainage (km)": "里程（km）",
    "Routes compared": "线路比较",
    "Route": "线路",
    "Length (km)": "长度（km）",
    "On permafrost (km)": "多年冻土段（km）",
    "Warm permafrost ≥ {t:g} °C (km)": "高温多年冻土 ≥ {t:g} °C（km）",
    "No data (km)": "无数据（km）",
    "Coldest MAGT (°C)": "最低年平均地温（°C）",
    "Warmest MAGT (°C)": "最高年平均地温（°C）",
    "from (km)": "起（km）",
    "to (km)": "止（km）",
    "Length per stability class (km)": "各热稳定性类别长度（km）",
    "Longitudinal profiles": "纵断面",
    "MAGT profiles along the routes": "沿线年平均地温纵断面",
    # single-column report
    "Single-column run": "单柱模拟",
    "annual minimum": "年最低",
    "annual mean": "年平均",
    "annual maximum": "年最高",
    "Temperature (°C)": "温度（°C）",
    "Trumpet curve, {year}": "喇叭形地温包络线，{year} 年",
    "Year": "年份",
    "Ground temperature": "地温",
    "Active-layer thickness (m)": "活动层厚度（m）",
    "Annual maximum thaw depth": "年最大融化深度",
    "input": "输入",
    "value": "值",
    "year": "年份",
    "Active-layer thickness per year": "逐年活动层厚度",
    "Input values used": "所用输入值",
    "Pixel (column {col}, row {row}) at {lat:.4f}° N, {lon:.4f}° E; years {first}–{last}. MAGT at 10 m over the "
    "period: <b>{magt:.2f} °C</b>; TTOP {ttop:.2f} °C; mean active-layer thickness {alt:.2f} m.":
        "像元（第 {col} 列，第 {row} 行），位于北纬 {lat:.4f}°、东经 {lon:.4f}°；{first}–{last} 年。模拟时段内 10 m "
        "年平均地温：<b>{magt:.2f} °C</b>；TTOP {ttop:.2f} °C；平均活动层厚度 {alt:.2f} m。",
    # station cross-validation report
    "Station interpolation: leave-one-out cross-validation": "气象站插值：留一交叉验证",
    "Jan": "1月", "Feb": "2月", "Mar": "3月", "Apr": "4月", "May": "5月", "Jun": "6月",
    "Jul": "7月", "Aug": "8月", "Sep": "9月", "Oct": "10月", "Nov": "11月", "Dec": "12月",
    "Bias, predicted − observed (°C)": "偏差，预测 − 实测（°C）",
    "Lapse rate (°C/km)": "气温直减率（°C/km）",
    "thin-plate spline (smoothing {s:g})": "薄板样条（平滑系数 {s:g}）",
    "inverse distance (power {p:g}, {n} neighbours)": "反距离加权（幂指数 {p:g}，{n} 个邻近站）",
    "fitted per month": "逐月拟合",
    "fixed": "固定值",
    "{n} stations; residual interpolation: {method}; lapse rate {lapse}. Annual-mean RMSE: <b>{rmse:.2f} °C</b>.":
        "{n} 个气象站；残差插值：{method}；气温直减率：{lapse}。年平均 RMSE：<b>{rmse:.2f} °C</b>。",
    "Stations with the largest annual-mean error": "年平均误差最大的气象站",
    "id": "编号",
    "name": "名称",
    "lat": "纬度",
    "lon": "经度",
    "elevation (m)": "海拔（m）",
    "observed (°C)": "实测（°C）",
    "predicted (°C)": "预测（°C）",
    "error (°C)": "误差（°C）",
    # calibration report
    "Calibration of surface parameters against measured ground temperatures": "用实测地温标定地表参数",
    "Prior (before)": "先验（标定前）",
    "Calibrated (after)": "标定后",
    "Leave-one-site-out": "留一站点交叉验证",
    "Prior parameters": "先验参数",
    "Calibrated": "标定后",
    "Leave-one-site-out cross-validation": "留一站点交叉验证",
    "Warnings": "警告",
    "Statistics over site-depth means (model − observed)": "基于站点-深度平均值的统计量（模拟 − 实测）",
    "Cross-validation refits each site's class without that site and predicts it; a class with a single site is "
    "then predicted from the prior. It estimates the error at a new site.":
        "交叉验证去掉每个站点后重新拟合其所属类别并预测该站点；只有一个站点的类别此时由先验值预测。"
        "它估计的是新站点处的误差。",
    "Observed against model before and after calibration": "标定前后实测与模拟对比",
    "Parameters per land-cover class": "各土地覆盖类别的参数",
    "Class": "类别",
    "Sites": "站点数",
    "prior {kind}": "先验 {kind}",
    "fitted {kind}": "拟合 {kind}",
    "± {kind} (1 s.e.)": "± {kind}（1 倍标准误差）",
    "At bound": "达到边界",
    "Standard errors from the Gauss–Newton covariance, including the prior; scaled up by the reduced χ² when the "
    "sites scatter more than the stated observation error.":
        "标准误差由 Gauss–Newton 协方差（含先验）求得；站点离散程度大于给定的观测误差时，按约化 χ² 放大。",
    "Residuals per site (mean over its depths, model − observed, °C)": "各站点残差（各深度的平均值，模拟 − 实测，°C）",
    "Site": "站点",
    "Lon": "经度",
    "Lat": "纬度",
    "Pixel distance (km)": "像元距离（km）",
    "Depths": "深度数",
    "Observed": "实测",
    "Before": "标定前",
    "After": "标定后",
    "Cross-validated": "交叉验证",
    "Sites not used ({n})": "未使用的站点（{n}）",
}

TEXTS = {"zh_CN": ZH_CN}


def normalize_locale(locale):
    """``zh_CN`` for the names of Simplified Chinese (QGIS's ``zh-Hans``, ``zh``, ``zh_CN.UTF-8``), else ``ll_CC``."""
    code = (locale or "").split(".")[0].replace("-", "_")
    if code in ("zh", "zh_Hans") or code.startswith("zh_Hans_"):
        return "zh_CN"
    return code


def translator(locale=None):
    """``t(text)``: ``text`` in ``locale`` (see :func:`normalize_locale`), else the English text."""
    table = TEXTS.get(normalize_locale(locale), {})
    return lambda text: table.get(text, text)
