<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>permafrost_magt</name>
    <message>
      <source>Permafrost ground temperature</source>
      <translation>多年冻土地温</translation>
    </message>
    <message>
      <source>Permafrost ground temperature (MAGT at 10 m, NE China method)</source>
      <translation>多年冻土地温（10 m 年平均地温，中国东北方法）</translation>
    </message>
    <message>
      <source>Boreholes (point layer)</source>
      <translation>钻孔（点图层）</translation>
    </message>
    <message>
      <source>Measured boreholes as points in any CRS. Give this or a CSV file.</source>
      <translation>钻孔实测点，任意坐标参考系。给出此项或 CSV 文件。</translation>
    </message>
    <message>
      <source>Boreholes (CSV with lon/lat)</source>
      <translation>钻孔（含经纬度的 CSV）</translation>
    </message>
    <message>
      <source>Alternative to the point layer: a CSV (comma, semicolon or tab) with WGS84 longitude and latitude columns in degrees.</source>
      <translation>点图层的替代：CSV 文件（逗号、分号或制表符分隔），含 WGS84 经度和纬度列（十进制度）。</translation>
    </message>
    <message>
      <source>Observed MAGT field (°C)</source>
      <translation>实测年平均地温字段（°C）</translation>
    </message>
    <message>
      <source>Field/column holding the measured mean annual ground temperature, °C.</source>
      <translation>存放实测年平均地温的字段/列，°C。</translation>
    </message>
    <message>
      <source>Depth field (m)</source>
      <translation>深度字段（m）</translation>
    </message>
    <message>
      <source>Field/column with the measurement depth, m. Missing or empty: the default depth below.</source>
      <translation>存放测温深度的字段/列，m。缺失或为空时使用下方的默认深度。</translation>
    </message>
    <message>
      <source>Borehole name field</source>
      <translation>钻孔名称字段</translation>
    </message>
    <message>
      <source>Field/column naming the borehole (default: feature id or row number).</source>
      <translation>为钻孔命名的字段/列（默认：要素 ID 或行号）。</translation>
    </message>
    <message>
      <source>CSV longitude column</source>
      <translation>CSV 经度列</translation>
    </message>
    <message>
      <source>CSV only: column with longitude, WGS84 degrees east.</source>
      <translation>仅用于 CSV：经度列，WGS84，东经度数。</translation>
    </message>
    <message>
      <source>CSV latitude column</source>
      <translation>CSV 纬度列</translation>
    </message>
    <message>
      <source>CSV only: column with latitude, WGS84 degrees north.</source>
      <translation>仅用于 CSV：纬度列，WGS84，北纬度数。</translation>
    </message>
    <message>
      <source>Default measurement depth (m)</source>
      <translation>默认测温深度（m）</translation>
    </message>
    <message>
      <source>Depth assumed for boreholes without a depth value, and the depth of a one-band model raster whose band description names no depth.</source>
      <translation>没有深度值的钻孔所采用的深度；单波段模型栅格的波段描述未注明深度时，也作为该栅格的深度。</translation>
    </message>
    <message>
      <source>Model MAGT raster (°C)</source>
      <translation>模型年平均地温栅格（°C）</translation>
    </message>
    <message>
      <source>Modelled MAGT in °C: one band (e.g. MAGT at 10 m) or one band per depth.</source>
      <translation>模拟的年平均地温，°C：单波段（如 10 m 年平均地温）或每个深度一个波段。</translation>
    </message>
    <message>
      <source>Band depths (m)</source>
      <translation>波段深度（m）</translation>
    </message>
    <message>
      <source>Depth of each model band, comma separated (e.g. '5, 10, 15'). Empty: read from band descriptions 'magt_NNNNcm'.</source>
      <translation>各模型波段的深度，以逗号分隔（如 '5, 10, 15'）。为空时从波段描述 'magt_NNNNcm' 读取。</translation>
    </message>
    <message>
      <source>Depth tolerance (m)</source>
      <translation>深度容差（m）</translation>
    </message>
    <message>
      <source>A borehole is compared only with a model band within this depth difference.</source>
      <translation>钻孔只与深度差在此范围内的模型波段比较。</translation>
    </message>
    <message>
      <source>Sampling method</source>
      <translation>采样方法</translation>
    </message>
    <message>
      <source>Nearest neighbour</source>
      <translation>最邻近</translation>
    </message>
    <message>
      <source>Bilinear</source>
      <translation>双线性</translation>
    </message>
    <message>
      <source>Nearest neighbour: the pixel containing the borehole; Bilinear: interpolated between pixel centres.</source>
      <translation>最邻近：取钻孔所在像元的值；双线性：在像元中心之间插值。</translation>
    </message>
    <message>
      <source>Nearest valid pixel within (km)</source>
      <translation>最近有效像元搜索距离（km）</translation>
    </message>
    <message>
      <source>A borehole whose model value is NoData (e.g. on a lake or sea shore) takes the value of the nearest pixel with data whose centre lies within this distance (km, on the WGS84 ellipsoid). 0: the borehole's own pixel only. The distance used is in the output field distance_km.</source>
      <translation>模型值为无数据的钻孔（如位于湖岸或海岸）取像元中心在此距离以内（km，在 WGS84 椭球面上量算）的最近有数据像元的值。0：只用钻孔所在像元。实际使用的距离写入输出字段 distance_km。</translation>
    </message>
    <message>
      <source>Validation points</source>
      <translation>验证点</translation>
    </message>
    <message>
      <source>Boreholes with id, depth_m, observed_c, model_c, residual_c (model − observed), model_depth_m, distance_km (0 = own pixel) and status ('ok' or why not compared).</source>
      <translation>钻孔点，含 id、depth_m、observed_c、model_c、residual_c（模拟 − 实测）、model_depth_m、distance_km（0 = 所在像元）和 status（'ok' 或未比较的原因）。</translation>
    </message>
    <message>
      <source>Validation report</source>
      <translation>验证报告</translation>
    </message>
    <message>
      <source>Single-file HTML report with statistics, scatter plot and residual table.</source>
      <translation>单文件 HTML 报告，含统计量、散点图和残差表。</translation>
    </message>
    <message>
      <source>Number of boreholes compared</source>
      <translation>参与比较的钻孔数</translation>
    </message>
    <message>
      <source>Bias, model − observed (°C)</source>
      <translation>偏差，模拟 − 实测（°C）</translation>
    </message>
    <message>
      <source>Mean absolute error (°C)</source>
      <translation>平均绝对误差（°C）</translation>
    </message>
    <message>
      <source>Root-mean-square error (°C)</source>
      <translation>均方根误差（°C）</translation>
    </message>
    <message>
      <source>Pearson correlation coefficient</source>
      <translation>皮尔逊相关系数</translation>
    </message>
    <message>
      <source>1 if RMSE &lt; 0.5 °C, else 0</source>
      <translation>RMSE &lt; 0.5 °C 时为 1，否则为 0</translation>
    </message>
    <message>
      <source>Borehole validation</source>
      <translation>钻孔验证</translation>
    </message>
    <message>
      <source>3 · Analysis</source>
      <translation>3 · 分析</translation>
    </message>
    <message>
      <source>Compares modelled MAGT with MAGT measured in boreholes. Boreholes come from a point layer (any CRS) or a CSV with WGS84 lon/lat columns. Each borehole is compared with the model band whose depth is closest to its measurement depth, within the depth tolerance: band depths are read from band descriptions such as 'magt_1000cm' (the model's outputs), or given explicitly. Sampling: nearest pixel or bilinear. Boreholes outside the raster, on NoData, without a matching model depth or without an observed value are kept and listed with the reason. A borehole on a NoData pixel (e.g. a lake or sea shore) can take the nearest pixel with data within a maximum distance; the distance used is listed. A point on a pixel edge belongs to the pixel east/south of it, the same rule as every tool of the plugin. Outputs: points with model, observed and residual (model − observed); a one-file HTML report with n, bias, MAE, RMSE, Pearson r, a scatter plot with the 1:1 line, the residual table and the unmatched boreholes, stating whether the run meets the published product's claim RMSE &lt; {rmse:g} °C; and the statistics as numbers for the modeller and batch runs.</source>
      <translation>将模拟的年平均地温与钻孔实测年平均地温进行比较。钻孔来自点图层（任意坐标参考系）或含 WGS84 经纬度列的 CSV 文件。每个钻孔与深度最接近其测温深度、且在深度容差以内的模型波段比较：波段深度从 'magt_1000cm' 这样的波段描述中读取（即本模型的输出），也可以显式给出。采样方式：最邻近像元或双线性插值。位于栅格之外、落在无数据像元上、没有匹配的模型深度或没有实测值的钻孔均予以保留，并列出原因。落在无数据像元上的钻孔（如位于湖岸或海岸）可取最大距离以内最近的有数据像元，并列出所用的距离。位于像元边界上的点归属其东侧/南侧的像元，与本插件所有工具的规则相同。输出：含模拟值、实测值和残差（模拟 − 实测）的点图层；单文件 HTML 报告，含 n、偏差、MAE、RMSE、皮尔逊 r、带 1:1 线的散点图、残差表和未匹配的钻孔，并说明本次运行是否达到已发表产品所称的 RMSE &lt; {rmse:g} °C；以及供图形建模器和批处理使用的数值统计量。</translation>
    </message>
    <message>
      <source>Parameters</source>
      <translation>参数</translation>
    </message>
    <message>
      <source>Measured ground temperatures</source>
      <translation>实测地温</translation>
    </message>
    <message>
      <source>Point layer in any CRS, or a table/CSV with WGS84 longitude and latitude fields, one row per site, depth and (optionally) year.</source>
      <translation>任意坐标参考系的点图层，或含 WGS84 经度和纬度字段的表格/CSV；每个站点、深度和（可选的）年份一行。</translation>
    </message>
    <message>
      <source>Longitude field (tables without points)</source>
      <translation>经度字段（无点几何的表格）</translation>
    </message>
    <message>
      <source>WGS84 longitude, degrees east; used when the layer has no point geometry.</source>
      <translation>WGS84 经度，东经度数；图层没有点几何时使用。</translation>
    </message>
    <message>
      <source>Latitude field (tables without points)</source>
      <translation>纬度字段（无点几何的表格）</translation>
    </message>
    <message>
      <source>WGS84 latitude, degrees north; used when the layer has no point geometry.</source>
      <translation>WGS84 纬度，北纬度数；图层没有点几何时使用。</translation>
    </message>
    <message>
      <source>Measurement depth below the surface, m.</source>
      <translation>地表以下的测温深度，m。</translation>
    </message>
    <message>
      <source>Mean annual ground temperature field (°C)</source>
      <translation>年平均地温字段（°C）</translation>
    </message>
    <message>
      <source>Measured mean annual ground temperature, °C (kelvin is refused).</source>
      <translation>实测年平均地温，°C（拒绝开尔文）。</translation>
    </message>
    <message>
      <source>Year field</source>
      <translation>年份字段</translation>
    </message>
    <message>
      <source>Year of the measurement. Rows of one site and depth are averaged over their years and the model over the same years, which must lie in the simulated period. Without it the model is averaged over the whole period.</source>
      <translation>测量年份。同一站点、同一深度的各行按年份取平均，模型也在相同年份上取平均，这些年份必须位于模拟时段内。缺省时模型在整个模拟时段上取平均。</translation>
    </message>
    <message>
      <source>Site name field</source>
      <translation>站点名称字段</translation>
    </message>
    <message>
      <source>Names the site; rows of one name must share coordinates. Without it rows at the same coordinates form a site.</source>
      <translation>为站点命名；同名的各行必须坐标相同。缺省时坐标相同的各行构成一个站点。</translation>
    </message>
    <message>
      <source>Monthly air temperature climatology (12 bands, °C)</source>
      <translation>月平均气温气候态（12 个波段，°C）</translation>
    </message>
    <message>
      <source>12-band raster of monthly mean air temperature, January first, in °C, on the model grid (from the climate preparation tools). Kelvin input is refused.</source>
      <translation>12 个波段的月平均气温栅格，从一月开始，单位 °C，位于模型格网上（由气候数据准备工具生成）。拒绝开尔文输入。</translation>
    </message>
    <message>
      <source>Soil thermal properties</source>
      <translation>土壤热物理参数</translation>
    </message>
    <message>
      <source>Multi-band soil thermal-property raster from the soil preparation tools (8 bands per layer: thickness, frozen/thawed conductivity and heat capacity, water content, unfrozen-water curve).</source>
      <translation>由土壤数据准备工具生成的多波段土壤热物理参数栅格（每层 8 个波段：厚度、冻结/融化导热系数和热容量、含水量、未冻水曲线）。</translation>
    </message>
    <message>
      <source>Geothermal heat flux raster (W/m²)</source>
      <translation>大地热流栅格（W/m²）</translation>
    </message>
    <message>
      <source>Optional 1-band raster of geothermal heat flux in W/m²; overrides the constant below.</source>
      <translation>可选的单波段大地热流栅格，W/m²；替代下方的常数值。</translation>
    </message>
    <message>
      <source>First simulated year</source>
      <translation>模拟起始年</translation>
    </message>
    <message>
      <source>First calendar year of the simulated period (the published product covers 2010–2024).</source>
      <translation>模拟时段的第一个日历年（已发表产品覆盖 2010–2024 年）。</translation>
    </message>
    <message>
      <source>Last simulated year</source>
      <translation>模拟结束年</translation>
    </message>
    <message>
      <source>Last calendar year of the simulated period; MAGT is the mean over all simulated years.</source>
      <translation>模拟时段的最后一个日历年；年平均地温为所有模拟年份的平均。</translation>
    </message>
    <message>
      <source>Air-temperature trend (°C/decade)</source>
      <translation>气温变化趋势（°C/10a）</translation>
    </message>
    <message>
      <source>Linear warming trend added to the climatology: trend × (year − climatology year) / 10. Ignored when monthly anomalies are given.</source>
      <translation>叠加到气候态上的线性增温趋势：趋势 ×（年份 − 气候态中心年）/ 10。给出月距平时忽略。</translation>
    </message>
    <message>
      <source>Central year of the climatology</source>
      <translation>气候态中心年</translation>
    </message>
    <message>
      <source>Middle of the climatology's averaging period (WorldClim 2.1: 1970–2000 → 1985; WorldClim 1.4: 1960–1990 → 1975).</source>
      <translation>气候态平均时段的中间年份（WorldClim 2.1：1970–2000 → 1985；WorldClim 1.4：1960–1990 → 1975）。</translation>
    </message>
    <message>
      <source>Spin-up years (max)</source>
      <translation>模型预热（spin-up）年数（上限）</translation>
    </message>
    <message>
      <source>Maximum number of times the first forcing year is repeated before the period starts, stopping early once the annual-mean profile changes by less than 0.01 °C.</source>
      <translation>在模拟时段开始前重复第一个强迫年的最大次数；当年平均温度剖面的变化小于 0.01 °C 时提前停止。</translation>
    </message>
    <message>
      <source>Time step (days)</source>
      <translation>时间步长（天）</translation>
    </message>
    <message>
      <source>Backward-Euler time step. The default 10 d keeps MAGT(10 m) within 0.02 °C and ALT within 6 mm of a 0.25-day reference in the time-step convergence study.</source>
      <translation>向后欧拉时间步长。默认的 10 天使 10 m 年平均地温与 0.25 天参考解之差在 0.02 °C 以内、活动层厚度之差在 6 mm 以内（时间步长收敛试验）。</translation>
    </message>
    <message>
      <source>Model bottom depth (m)</source>
      <translation>模型底边界深度（m）</translation>
    </message>
    <message>
      <source>Depth of the lower boundary. NE China permafrost is about 50 m thick; 100 m keeps the 10 m value clear of the boundary.</source>
      <translation>下边界的深度。中国东北多年冻土厚度约 50 m；取 100 m 可使 10 m 处的值不受下边界影响。</translation>
    </message>
    <message>
      <source>Geothermal heat flux (W/m²)</source>
      <translation>大地热流（W/m²）</translation>
    </message>
    <message>
      <source>Constant geothermal heat flux into the bottom of every column, W/m² (0.06 is typical of NE China).</source>
      <translation>进入每个土柱底部的恒定大地热流，W/m²（0.06 为中国东北的典型值）。</translation>
    </message>
    <message>
      <source>Land cover (classes) on the model grid</source>
      <translation>模型格网上的土地覆盖（类别）</translation>
    </message>
    <message>
      <source>Land-cover class raster on the grid of the climate raster (e.g. from 'Clip and align raster to model grid' with categorical resampling); its classes select the n-factors that are fitted.</source>
      <translation>位于气候栅格格网上的土地覆盖类别栅格（如由“裁剪并对齐栅格到模型格网”以类别型重采样生成）；其类别决定拟合哪些 n因子。</translation>
    </message>
    <message>
      <source>Prior n-factor table (CSV)</source>
      <translation>先验 n因子表（CSV）</translation>
    </message>
    <message>
      <source>CSV class,n_freezing,n_thawing giving the starting values and the prior the fit is regularised towards. Default: the bundled MODIS IGBP table.</source>
      <translation>含 class,n_freezing,n_thawing 列的 CSV，给出初始值以及正则化拟合所趋向的先验值。默认：内置的 MODIS IGBP 表。</translation>
    </message>
    <message>
      <source>Also fit a moss/peat layer thickness per class</source>
      <translation>同时按类别拟合苔藓/泥炭层厚度</translation>
    </message>
    <message>
      <source>Adds a peat layer (Farouki 1981 properties) on top of the soil of each site and fits its thickness per class (prior 0 m). The soil raster must not already hold an organic layer.</source>
      <translation>在每个站点的土壤之上加一层泥炭（性质取自 Farouki 1981），并按类别拟合其厚度（先验值 0 m）。土壤栅格中不得已含有机质层。</translation>
    </message>
    <message>
      <source>Search distance for a valid pixel (km)</source>
      <translation>有效像元搜索距离（km）</translation>
    </message>
    <message>
      <source>A site whose pixel has no data (a lake or sea shore) takes the nearest pixel with data in every input within this distance; 0 uses the site's own pixel only. The distance used is reported.</source>
      <translation>所在像元无数据的站点（湖岸或海岸）取此距离以内所有输入均有数据的最近像元；0 表示只用站点所在像元。报告中列出实际使用的距离。</translation>
    </message>
    <message>
      <source>Leave-one-site-out cross-validation</source>
      <translation>留一站点交叉验证</translation>
    </message>
    <message>
      <source>Refit each site's class without that site and predict it (CV_RMSE). Costs one extra fit per site, run in the same solver batches.</source>
      <translation>去掉每个站点后重新拟合其所属类别并预测该站点（CV_RMSE）。每个站点多一次拟合，在同一求解批次中运行。</translation>
    </message>
    <message>
      <source>Parallel workers</source>
      <translation>并行进程数</translation>
    </message>
    <message>
      <source>Number of worker processes; the default is the number of CPU cores. Results do not depend on it.</source>
      <translation>工作进程数；默认为 CPU 核数。结果与此无关。</translation>
    </message>
    <message>
      <source>Dask scheduler (cluster run)</source>
      <translation>Dask 调度器（集群运行）</translation>
    </message>
    <message>
      <source>Empty: blocks run in the local worker processes above. 'local:N': a Dask cluster of N worker processes on this machine, started and closed by the run. An address such as tcp://host:8786: an existing Dask cluster (start it with 'dask scheduler' and 'dask worker tcp://host:8786'); Parallel workers is then ignored. Workers read the input rasters themselves, so give paths they can see (a shared file system, /vsicurl/ or /vsis3/); outputs are written here. Results are identical to a local run. Needs Dask distributed: 'apt install python3-distributed' (Debian/Ubuntu) or pip install "dask[distributed]" in the Python that runs QGIS (not shipped with QGIS on Windows).</source>
      <translation>留空：各块在上面的本机工作进程中运行。“local:N”：在本机启动一个含 N 个工作进程的 Dask 集群，由本次运行启动并关闭。形如 tcp://host:8786 的地址：已有的 Dask 集群（用“dask scheduler”和“dask worker tcp://host:8786”启动），此时忽略“并行进程数”。工作进程自行读取输入栅格，因此须给出它们能访问的路径（共享文件系统、/vsicurl/ 或 /vsis3/）；输出写在本机。结果与本地运行完全相同。需要 Dask distributed：Debian/Ubuntu 上“apt install python3-distributed”，或在运行 QGIS 的 Python 中 pip install "dask[distributed]"（Windows 版 QGIS 不自带）。</translation>
    </message>
    <message>
      <source>Observation error σ (°C)</source>
      <translation>观测误差 σ（°C）</translation>
    </message>
    <message>
      <source>Measurement plus representativeness error of a site mean (a point against a pixel), °C. It weighs the data against the prior.</source>
      <translation>站点平均值的测量误差与代表性误差（点相对于像元）之和，°C。它决定数据相对于先验的权重。</translation>
    </message>
    <message>
      <source>Prior standard deviation of the n-factors</source>
      <translation>n因子的先验标准差</translation>
    </message>
    <message>
      <source>How far the fitted n-factors may stray from the prior table at the cost of one σ of misfit; 0 turns the regularisation off (then there must be at least as many sites as parameters).</source>
      <translation>拟合的 n因子偏离先验表多少时，其代价相当于一个 σ 的失配；0 关闭正则化（此时站点数必须不少于参数个数）。</translation>
    </message>
    <message>
      <source>Calibrated n-factor table</source>
      <translation>标定后的 n因子表</translation>
    </message>
    <message>
      <source>CSV class,name,n_freezing,n_thawing,…,sites,source for 'Land cover to n-factors' (TABLE input).</source>
      <translation>含 class,name,n_freezing,n_thawing,…,sites,source 列的 CSV，供“土地覆盖 → n因子”（TABLE 输入）使用。</translation>
    </message>
    <message>
      <source>Organic layer thickness (m)</source>
      <translation>有机质层厚度（m）</translation>
    </message>
    <message>
      <source>With 'fit a moss/peat layer': the fitted thickness per class over the land-cover raster, for the ORGANIC_RASTER input of the soil preparation tools.</source>
      <translation>与“拟合苔藓/泥炭层”一起使用：按类别拟合的厚度铺到土地覆盖栅格上，供土壤数据准备工具的 ORGANIC_RASTER 输入使用。</translation>
    </message>
    <message>
      <source>Residuals per site and depth</source>
      <translation>各站点各深度的残差</translation>
    </message>
    <message>
      <source>CSV with observed and modelled (before, after, cross-validated) values per site and depth.</source>
      <translation>CSV，含各站点各深度的实测值和模拟值（标定前、标定后、交叉验证）。</translation>
    </message>
    <message>
      <source>Calibration report</source>
      <translation>标定报告</translation>
    </message>
    <message>
      <source>One-file HTML report: statistics, scatter plots with 1:1 line, parameters with standard errors, per-site residuals, warnings.</source>
      <translation>单文件 HTML 报告：统计量、带 1:1 线的散点图、参数及其标准误差、各站点残差、警告。</translation>
    </message>
    <message>
      <source>Site-depth means compared</source>
      <translation>参与比较的站点-深度平均值个数</translation>
    </message>
    <message>
      <source>Sites used</source>
      <translation>使用的站点数</translation>
    </message>
    <message>
      <source>RMSE with the prior n-factors (°C)</source>
      <translation>先验 n因子的 RMSE（°C）</translation>
    </message>
    <message>
      <source>RMSE after calibration (°C)</source>
      <translation>标定后的 RMSE（°C）</translation>
    </message>
    <message>
      <source>Leave-one-site-out cross-validated RMSE (°C)</source>
      <translation>留一站点交叉验证 RMSE（°C）</translation>
    </message>
    <message>
      <source>Bias with the prior n-factors (°C)</source>
      <translation>先验 n因子的偏差（°C）</translation>
    </message>
    <message>
      <source>Bias after calibration (°C)</source>
      <translation>标定后的偏差（°C）</translation>
    </message>
    <message>
      <source>Calibrate n-factors to measured ground temperatures</source>
      <translation>用实测地温标定 n因子</translation>
    </message>
    <message>
      <source>2 · Model</source>
      <translation>2 · 模型</translation>
    </message>
    <message>
      <source>Fits the model's surface parameters to measured mean annual ground temperatures (boreholes, soil thermometers), the way the published product was inverted from boreholes. For every land-cover class that holds a site it fits the freezing and thawing n-factors (and, optionally, the thickness of a moss/peat layer on top of the soil); classes without sites keep the prior table. Rows of one site and depth are averaged over their years, and the model over the same years of the simulated period.</source>
      <translation>用实测年平均地温（钻孔、土壤温度计）拟合模型的地表参数，与已发表产品由钻孔反演的方式相同。对每个含有站点的土地覆盖类别拟合冻结和融化 n因子（以及可选的土壤之上苔藓/泥炭层厚度）；没有站点的类别保留先验表中的值。同一站点、同一深度的各行按年份取平均，模型也在模拟时段的相同年份上取平均。</translation>
    </message>
    <message>
      <source>Each site is simulated at its pixel (or the nearest pixel with data within the search distance) with the same model as 'Simulate permafrost ground temperature'; all sites and all perturbed parameter sets of an iteration run as one solver batch. The fit is regularised, bounded least squares (Levenberg–Marquardt): residuals are (model − observed)/σ_obs, every site weighing the same whatever its number of depths, plus (parameter − prior)/σ_prior, so few sites cannot give absurd values. Bounds: n_f {nf_lo}–{nf_hi}, n_t {nt_lo}–{nt_hi}, organic layer {org_lo}–{org_hi} m.</source>
      <translation>每个站点在其所在像元（或搜索距离以内最近的有数据像元）上用与“模拟多年冻土地温”相同的模型模拟；一次迭代中所有站点和所有扰动参数组作为一个求解批次运行。拟合采用带边界约束的正则化最小二乘法（Levenberg–Marquardt）：残差为 (模拟 − 实测)/σ_obs，无论站点有几个深度，每个站点的权重相同，再加上 (参数 − 先验)/σ_prior，因此站点很少时也不会得到荒谬的值。取值范围：n_f {nf_lo}–{nf_hi}，n_t {nt_lo}–{nt_hi}，有机质层 {org_lo}–{org_hi} m。</translation>
    </message>
    <message>
      <source>Leave-one-site-out cross-validation refits each site's class without it and predicts it: its RMSE (CV_RMSE) is the honest estimate of the error at a new site. Outputs: the n-factor table (CSV class,n_freezing,n_thawing that 'Land cover to n-factors' reads unchanged, with standard errors), optionally the organic-layer thickness raster (for the ORGANIC_RASTER input of the soil tools), per-site residuals and an HTML report (before/after scatter with 1:1 line, residuals, parameters with standard errors, warnings).</source>
      <translation>留一站点交叉验证去掉每个站点后重新拟合其所属类别并预测该站点：其 RMSE（CV_RMSE）是对新站点误差的如实估计。输出：n因子表（含 class,n_freezing,n_thawing 列的 CSV，“土地覆盖 → n因子”可直接读取，附标准误差）、可选的有机质层厚度栅格（供土壤工具的 ORGANIC_RASTER 输入使用）、各站点残差，以及 HTML 报告（标定前/后带 1:1 线的散点图、残差、参数及其标准误差、警告）。</translation>
    </message>
    <message>
      <source>Point</source>
      <translation>点</translation>
    </message>
    <message>
      <source>Where to run the column: click on the map or type coordinates (any CRS; it is transformed to the rasters' CRS).</source>
      <translation>单柱模拟的位置：在地图上点击或输入坐标（任意坐标参考系，会转换到栅格的坐标参考系）。</translation>
    </message>
    <message>
      <source>n-factors (n_freezing, n_thawing)</source>
      <translation>n因子（冻结 n因子、融化 n因子）</translation>
    </message>
    <message>
      <source>2-band raster of freezing and thawing n-factors (from 'Land cover to n-factors'). Without it both n-factors are 1 (ground surface temperature = air temperature).</source>
      <translation>冻结和融化 n因子的双波段栅格（由“土地覆盖 → n因子”生成）。缺省时两个 n因子均为 1（地表温度 = 气温）。</translation>
    </message>
    <message>
      <source>Initial ground temperature (ERA5-Land, °C)</source>
      <translation>初始地温（ERA5-Land，°C）</translation>
    </message>
    <message>
      <source>Initial-state raster from 'ERA5-Land initial ground temperature' (bands tsoil_NNNNcm, °C). Without it the run starts from the TTOP equilibrium profile.</source>
      <translation>由“ERA5-Land 初始地温”生成的初始状态栅格（波段 tsoil_NNNNcm，°C）。缺省时从 TTOP 平衡剖面开始模拟。</translation>
    </message>
    <message>
      <source>Monthly air-temperature anomalies (°C)</source>
      <translation>月气温距平（°C）</translation>
    </message>
    <message>
      <source>Optional stack of monthly anomalies (bands tair_anomaly_YYYY_MM, °C) added to the climatology for each simulated year; replaces the linear trend.</source>
      <translation>可选的月距平栅格组（波段 tair_anomaly_YYYY_MM，°C），逐年叠加到气候态上；替代线性趋势。</translation>
    </message>
    <message>
      <source>Column report (HTML)</source>
      <translation>单柱报告（HTML）</translation>
    </message>
    <message>
      <source>HTML report with the trumpet curve, time series, ALT per year and input values.</source>
      <translation>HTML 报告，含“喇叭形”地温包络线、时间序列、逐年活动层厚度和输入值。</translation>
    </message>
    <message>
      <source>Profile time series (CSV)</source>
      <translation>剖面时间序列（CSV）</translation>
    </message>
    <message>
      <source>Ground temperature (°C) at each reported depth, one row per time step.</source>
      <translation>各输出深度的地温（°C），每个时间步一行。</translation>
    </message>
    <message>
      <source>MAGT at 10 m (°C)</source>
      <translation>10 m 年平均地温（°C）</translation>
    </message>
    <message>
      <source>Mean active-layer thickness (m)</source>
      <translation>平均活动层厚度（m）</translation>
    </message>
    <message>
      <source>Single-column explorer</source>
      <translation>单点土柱模拟</translation>
    </message>
    <message>
      <source>Runs one column of the model at a point, with exactly the inputs and settings of the regional run, and writes an HTML report: the 'trumpet' envelope (annual minimum, mean and maximum temperature against depth) for the last simulated year, the temperature series at 0.5, 1, 2, 5 and 10 m, the active-layer thickness of every year, and the input values used at that pixel. A CSV holds the temperature at every reported depth at each time step (a daily series with a 1-day time step). Use it to understand one pixel of a MAGT map, or to check a borehole site before a regional run.</source>
      <translation>在一个点上运行模型的单个土柱，输入和设置与区域模拟完全相同，并写出 HTML 报告：最后一个模拟年的“喇叭形”包络线（年最低、平均和最高地温随深度的变化）、0.5、1、2、5 和 10 m 处的地温时间序列、逐年活动层厚度，以及该像元所用的输入值。CSV 文件记录每个时间步各输出深度的地温（时间步长为 1 天时即为逐日序列）。用于理解年平均地温图中的某个像元，或在区域模拟前检查钻孔场地。</translation>
    </message>
    <message>
      <source>MAGT raster (°C)</source>
      <translation>年平均地温栅格（°C）</translation>
    </message>
    <message>
      <source>Mean annual ground temperature in °C: the model output or any other MAGT raster, in any CRS, with any NoData value. Kelvin rasters are refused. </source>
      <translation>年平均地温，°C：模型输出或任何其他年平均地温栅格，任意坐标参考系，任意无数据值。拒绝开尔文栅格。 </translation>
    </message>
    <message>
      <source>MAGT band</source>
      <translation>年平均地温波段</translation>
    </message>
    <message>
      <source>Band of the MAGT raster to use (default 1, the first band, e.g. MAGT at 10 m).</source>
      <translation>使用的年平均地温栅格波段（默认 1，即第一个波段，如 10 m 年平均地温）。</translation>
    </message>
    <message>
      <source>Smoothing iterations</source>
      <translation>平滑迭代次数</translation>
    </message>
    <message>
      <source>Rounds of Chaikin corner cutting applied to lines and polygons (0 = keep the pixel edges). Long edges are first split at the pixel size, so each round moves the outline by at most a quarter pixel.</source>
      <translation>对线和多边形进行 Chaikin 切角平滑的轮数（0 = 保留像元边界）。长边先按像元大小切分，因此每轮最多使轮廓移动四分之一像元。</translation>
    </message>
    <message>
      <source>Minimum polygon area (km²)</source>
      <translation>最小多边形面积（km²）</translation>
    </message>
    <message>
      <source>Permafrost polygons with a smaller ellipsoidal area are dropped (0 keeps all).</source>
      <translation>删除椭球面积小于此值的多年冻土多边形（0 表示全部保留）。</translation>
    </message>
    <message>
      <source>0 °C isotherm</source>
      <translation>0 °C 等温线</translation>
    </message>
    <message>
      <source>Lines where MAGT = 0 °C, with magt_c (0) and geodesic length_km.</source>
      <translation>年平均地温 = 0 °C 的线，含 magt_c（0）和测地线长度 length_km。</translation>
    </message>
    <message>
      <source>Permafrost extent (MAGT &lt; 0 °C)</source>
      <translation>多年冻土范围（年平均地温 &lt; 0 °C）</translation>
    </message>
    <message>
      <source>Polygons of MAGT &lt; 0 °C with their ellipsoidal area_km2.</source>
      <translation>年平均地温 &lt; 0 °C 的多边形，含椭球面积 area_km2。</translation>
    </message>
    <message>
      <source>Permafrost area of the polygons (km²)</source>
      <translation>多边形的多年冻土面积（km²）</translation>
    </message>
    <message>
      <source>Area of all MAGT &lt; 0 °C pixels (km²)</source>
      <translation>所有年平均地温 &lt; 0 °C 像元的面积（km²）</translation>
    </message>
    <message>
      <source>Length of the 0 °C isotherm (km)</source>
      <translation>0 °C 等温线长度（km）</translation>
    </message>
    <message>
      <source>Permafrost boundary (0 °C isotherm and extent)</source>
      <translation>多年冻土边界（0 °C 等温线与分布范围）</translation>
    </message>
    <message>
      <source>Turns a MAGT raster into the permafrost boundary: the MAGT = 0 °C isotherm as lines (GDAL contouring with the fixed level 0, interpolated between pixel centres; lines stop at NoData and at the raster edge) and the permafrost extent as polygons of the pixels with MAGT &lt; 0 °C (GDAL polygonize, 4-connected). Optional Chaikin smoothing rounds the pixel staircase; polygons smaller than the minimum area are dropped. Areas are computed on the WGS84 ellipsoid (exact for lat/lon pixel edges, via the authalic latitude), never in degrees, and are given per polygon (area_km2) and in total. Line lengths (length_km) are geodesic. Outputs are in the raster's CRS and open styled.</source>
      <translation>由年平均地温栅格提取多年冻土边界：年平均地温 = 0 °C 等温线（GDAL 等值线，固定值 0，在像元中心之间插值；等温线在无数据像元和栅格边缘处中断），以及年平均地温 &lt; 0 °C 像元组成的多年冻土范围多边形（GDAL 矢量化，四邻域连通）。可选的 Chaikin 平滑可消除像元阶梯；小于最小面积的多边形被删除。面积在 WGS84 椭球面上计算（对经纬度像元边界通过等积纬度精确计算），从不以度为单位，并逐多边形（area_km2）和总计给出。线长度（length_km）为测地线长度。输出采用栅格的坐标参考系，加载时自带样式。</translation>
    </message>
    <message>
      <source>Monthly 2 m temperature NetCDF</source>
      <translation>月平均 2 m 气温 NetCDF</translation>
    </message>
    <message>
      <source>NetCDF of monthly mean 2 m air temperature (K or °C).</source>
      <translation>月平均 2 m 气温的 NetCDF 文件（K 或 °C）。</translation>
    </message>
    <message>
      <source>Variable name</source>
      <translation>变量名</translation>
    </message>
    <message>
      <source>Name of the temperature variable in the NetCDF.</source>
      <translation>NetCDF 中气温变量的名称。</translation>
    </message>
    <message>
      <source>Model grid (template raster)</source>
      <translation>模型格网（模板栅格）</translation>
    </message>
    <message>
      <source>Model grid (template raster) from 'Prepare model grid', or any raster on the wanted grid. The output has exactly its extent, resolution and CRS, and is NoData where the template is NoData.</source>
      <translation>由“准备模型格网”生成的模型格网（模板栅格），或任何位于所需格网上的栅格。输出与其范围、分辨率和坐标参考系完全一致，在模板为无数据处也为无数据。</translation>
    </message>
    <message>
      <source>Base period first year (0 = file start)</source>
      <translation>基准期起始年（0 = 文件起始）</translation>
    </message>
    <message>
      <source>First year of the reference climatology the anomalies are taken from (0 = every year in the file).</source>
      <translation>计算距平所用参考气候态的第一年（0 = 文件中的所有年份）。</translation>
    </message>
    <message>
      <source>Base period last year (0 = file end)</source>
      <translation>基准期结束年（0 = 文件结束）</translation>
    </message>
    <message>
      <source>Last year of the reference climatology (0 = every year in the file).</source>
      <translation>参考气候态的最后一年（0 = 文件中的所有年份）。</translation>
    </message>
    <message>
      <source>First output year (0 = file start)</source>
      <translation>输出起始年（0 = 文件起始）</translation>
    </message>
    <message>
      <source>First year written to the stack, e.g. 2010 for the published 2010–2024 period.</source>
      <translation>写入栅格组的第一年，如已发表产品时段 2010–2024 年的 2010。</translation>
    </message>
    <message>
      <source>Last output year (0 = file end)</source>
      <translation>输出结束年（0 = 文件结束）</translation>
    </message>
    <message>
      <source>Last year written to the stack.</source>
      <translation>写入栅格组的最后一年。</translation>
    </message>
    <message>
      <source>Monthly anomalies (°C)</source>
      <translation>月距平（°C）</translation>
    </message>
    <message>
      <source>Stack of tair_anomaly_YYYY_MM bands in °C on the model grid.</source>
      <translation>模型格网上的 tair_anomaly_YYYY_MM 波段组，°C。</translation>
    </message>
    <message>
      <source>Monthly air-temperature anomalies from NetCDF</source>
      <translation>由 NetCDF 计算月气温距平</translation>
    </message>
    <message>
      <source>1 · Input preparation</source>
      <translation>1 · 输入数据准备</translation>
    </message>
    <message>
      <source>Builds the optional anomalies stack of the transient model run from a monthly 2 m air temperature NetCDF (e.g. ERA5-Land monthly means, t2m in K): each month minus the mean of that calendar month over a base period (default all years in the file). Dimensions (time or valid_time, latitude, longitude) with CF time units; latitudes either way, longitudes 0–360 or −180–180. Regridded bilinearly with GDAL warp. Output bands tair_anomaly_YYYY_MM in °C, in time order.</source>
      <translation>由月平均 2 m 气温 NetCDF（如 ERA5-Land 月平均值，t2m，单位 K）生成瞬态模拟可选的距平栅格组：每个月减去该日历月在基准期内的平均值（默认文件中的所有年份）。维度为 time 或 valid_time、latitude、longitude，时间单位符合 CF 规范；纬度可升序或降序，经度可为 0–360 或 −180–180。用 GDAL warp 双线性重采样到模型格网。输出波段 tair_anomaly_YYYY_MM，单位 °C，按时间顺序排列。</translation>
    </message>
    <message>
      <source>Monthly rasters</source>
      <translation>月栅格</translation>
    </message>
    <message>
      <source>One 12-band raster, or 12 single-band files whose names carry the month (_01 … _12).</source>
      <translation>一个 12 波段栅格，或 12 个文件名中含月份（_01 … _12）的单波段文件。</translation>
    </message>
    <message>
      <source>Folder of monthly files</source>
      <translation>月文件所在文件夹</translation>
    </message>
    <message>
      <source>Folder with the 12 monthly files (e.g. the unzipped WorldClim 2.1 tavg archive).</source>
      <translation>含 12 个月文件的文件夹（如解压后的 WorldClim 2.1 tavg 压缩包）。</translation>
    </message>
    <message>
      <source>File-name pattern in folder</source>
      <translation>文件夹中的文件名模式</translation>
    </message>
    <message>
      <source>Glob pattern picking the 12 files in the folder (default: tries *tavg*, *_tas_*, *tmean*, *temp*, *t2m*).</source>
      <translation>在文件夹中选取 12 个文件的通配符模式（默认依次尝试 *tavg*、*_tas_*、*tmean*、*temp*、*t2m*）。</translation>
    </message>
    <message>
      <source>When the input is in kelvin</source>
      <translation>输入为开尔文时</translation>
    </message>
    <message>
      <source>Convert kelvin to °C</source>
      <translation>将开尔文转换为 °C</translation>
    </message>
    <message>
      <source>Stop with an error</source>
      <translation>报错并停止</translation>
    </message>
    <message>
      <source>Kelvin input (all valid values &gt; 150, or band unit K) is converted (−273.15) or refused.</source>
      <translation>开尔文输入（所有有效值 &gt; 150，或波段单位为 K）将被转换（−273.15）或拒绝。</translation>
    </message>
    <message>
      <source>Resampling</source>
      <translation>重采样</translation>
    </message>
    <message>
      <source>Automatic (by data kind and pixel size)</source>
      <translation>自动（按数据类型和像元大小）</translation>
    </message>
    <message>
      <source>Average</source>
      <translation>平均值</translation>
    </message>
    <message>
      <source>Mode (majority)</source>
      <translation>众数</translation>
    </message>
    <message>
      <source>Cubic</source>
      <translation>三次卷积</translation>
    </message>
    <message>
      <source>GDAL warp resampling. Automatic uses average when the source is finer than the grid, else bilinear.</source>
      <translation>GDAL warp 重采样方法。自动：源数据比格网细时取平均值，否则双线性。</translation>
    </message>
    <message>
      <source>Monthly air temperature (12 bands, °C)</source>
      <translation>月平均气温（12 个波段，°C）</translation>
    </message>
    <message>
      <source>12-band climatology tair_01 … tair_12 in °C on the model grid.</source>
      <translation>模型格网上的 12 波段气候态 tair_01 … tair_12，°C。</translation>
    </message>
    <message>
      <source>Climate from monthly rasters (WorldClim, CHELSA, 12-band)</source>
      <translation>由月栅格生成气候态（WorldClim、CHELSA、12 波段）</translation>
    </message>
    <message>
      <source>Builds the 12-band monthly air-temperature climatology (°C) on the model grid from WorldClim 2.1 (wc2.1_*_tavg_01 … 12.tif, °C), CHELSA (integer kelvin × 10 with GDAL scale/offset) or any 12-band raster (January first; NetCDF variables with 12 steps too). Give one 12-band raster, the 12 monthly files, or a folder. GDAL scale/offset are applied; kelvin is recognised from the band unit and from the values (all &gt; 150) and converted or refused, never mixed; values that fit neither °C nor kelvin stop the tool. Bilinear resampling, or averaging when the source is finer.</source>
      <translation>由 WorldClim 2.1（wc2.1_*_tavg_01 … 12.tif，°C）、CHELSA（整数，开尔文 × 10，带 GDAL 缩放/偏移）或任何 12 波段栅格（从一月开始；也可以是含 12 个时间步的 NetCDF 变量）生成模型格网上的 12 波段月平均气温气候态（°C）。可给出一个 12 波段栅格、12 个月文件或一个文件夹。会应用 GDAL 缩放/偏移；根据波段单位和数值（全部 &gt; 150）识别开尔文，并予以转换或拒绝，绝不混用；既不像 °C 也不像开尔文的数值会使工具停止。双线性重采样，源数据更细时取平均值。</translation>
    </message>
    <message>
      <source>Stations CSV</source>
      <translation>气象站 CSV</translation>
    </message>
    <message>
      <source>CSV with one station per row: latitude, longitude (decimal degrees), elevation (m) and 12 monthly means (°C) in columns &lt;prefix&gt;01 … &lt;prefix&gt;12. Give this or a station layer.</source>
      <translation>每行一个气象站的 CSV：纬度、经度（十进制度）、海拔（m）和 12 个月平均值（°C），列名为 &lt;prefix&gt;01 … &lt;prefix&gt;12。给出此项或气象站图层。</translation>
    </message>
    <message>
      <source>Station point layer</source>
      <translation>气象站点图层</translation>
    </message>
    <message>
      <source>Point layer with an elevation field and fields &lt;prefix&gt;01 … &lt;prefix&gt;12 (°C); any CRS.</source>
      <translation>含海拔字段和 &lt;prefix&gt;01 … &lt;prefix&gt;12 字段（°C）的点图层；任意坐标参考系。</translation>
    </message>
    <message>
      <source>Monthly column prefix</source>
      <translation>月数据列名前缀</translation>
    </message>
    <message>
      <source>Prefix of the 12 monthly columns, e.g. wc14_tmean_, crucl2_tmp_ or chelsa11_temp_.</source>
      <translation>12 个月数据列的前缀，如 wc14_tmean_、crucl2_tmp_ 或 chelsa11_temp_。</translation>
    </message>
    <message>
      <source>Elevation field (m)</source>
      <translation>海拔字段（m）</translation>
    </message>
    <message>
      <source>Column/field with the station elevation in metres above sea level.</source>
      <translation>存放气象站海拔（米，相对海平面）的列/字段。</translation>
    </message>
    <message>
      <source>Latitude column (CSV)</source>
      <translation>纬度列（CSV）</translation>
    </message>
    <message>
      <source>CSV column with latitude in decimal degrees (not used for a point layer).</source>
      <translation>存放纬度（十进制度）的 CSV 列（点图层不使用）。</translation>
    </message>
    <message>
      <source>Longitude column (CSV)</source>
      <translation>经度列（CSV）</translation>
    </message>
    <message>
      <source>CSV column with longitude in decimal degrees (not used for a point layer).</source>
      <translation>存放经度（十进制度）的 CSV 列（点图层不使用）。</translation>
    </message>
    <message>
      <source>Station id field</source>
      <translation>气象站编号字段</translation>
    </message>
    <message>
      <source>Column/field naming each station in the cross-validation report.</source>
      <translation>在交叉验证报告中为各气象站命名的列/字段。</translation>
    </message>
    <message>
      <source>DEM (m)</source>
      <translation>数字高程模型 DEM（m）</translation>
    </message>
    <message>
      <source>Terrain height in metres; warped to the model grid (bilinear, or averaged when much finer).</source>
      <translation>地形高程，米；重采样到模型格网（双线性，DEM 更细时取平均值）。</translation>
    </message>
    <message>
      <source>Residual interpolation</source>
      <translation>残差插值方法</translation>
    </message>
    <message>
      <source>Thin-plate spline (RBF)</source>
      <translation>薄板样条（RBF）</translation>
    </message>
    <message>
      <source>Inverse distance weighting</source>
      <translation>反距离加权</translation>
    </message>
    <message>
      <source>Thin-plate spline with smoothing (scipy RBFInterpolator) or inverse distance weighting.</source>
      <translation>带平滑的薄板样条（scipy RBFInterpolator）或反距离加权。</translation>
    </message>
    <message>
      <source>Lapse rate</source>
      <translation>气温直减率</translation>
    </message>
    <message>
      <source>Fitted per month from the stations</source>
      <translation>由气象站逐月拟合</translation>
    </message>
    <message>
      <source>Fixed (below)</source>
      <translation>固定值（见下）</translation>
    </message>
    <message>
      <source>Fit the lapse rate of each month from the stations, or use the fixed value below.</source>
      <translation>由气象站逐月拟合气温直减率，或使用下方的固定值。</translation>
    </message>
    <message>
      <source>Fixed lapse rate (°C/km)</source>
      <translation>固定气温直减率（°C/km）</translation>
    </message>
    <message>
      <source>Temperature change per km of height, used when the lapse rate is fixed (−6.5 = standard atmosphere).</source>
      <translation>每升高 1 km 的气温变化，在使用固定直减率时采用（−6.5 = 标准大气）。</translation>
    </message>
    <message>
      <source>Spline smoothing</source>
      <translation>样条平滑系数</translation>
    </message>
    <message>
      <source>RBFInterpolator smoothing (0 = exact interpolation; larger values smooth more).</source>
      <translation>RBFInterpolator 平滑系数（0 = 精确插值；值越大越平滑）。</translation>
    </message>
    <message>
      <source>IDW power</source>
      <translation>IDW 幂指数</translation>
    </message>
    <message>
      <source>Exponent of inverse distance weighting.</source>
      <translation>反距离加权的幂指数。</translation>
    </message>
    <message>
      <source>IDW neighbours</source>
      <translation>IDW 邻近站数</translation>
    </message>
    <message>
      <source>Number of nearest stations used by inverse distance weighting.</source>
      <translation>反距离加权所用的最近气象站数。</translation>
    </message>
    <message>
      <source>Cross-validation report (HTML)</source>
      <translation>交叉验证报告（HTML）</translation>
    </message>
    <message>
      <source>Optional HTML report: leave-one-out RMSE and bias per month, lapse rates, worst stations.</source>
      <translation>可选的 HTML 报告：逐月留一交叉验证 RMSE 和偏差、气温直减率、误差最大的气象站。</translation>
    </message>
    <message>
      <source>Leave-one-out RMSE of annual mean (°C)</source>
      <translation>年平均值的留一交叉验证 RMSE（°C）</translation>
    </message>
    <message>
      <source>Stations used</source>
      <translation>使用的气象站数</translation>
    </message>
    <message>
      <source>Climate from weather stations (interpolation with DEM)</source>
      <translation>由气象站生成气候态（结合 DEM 插值）</translation>
    </message>
    <message>
      <source>Builds the 12-band monthly air-temperature climatology (°C) by observational interpolation. Per month the station values are reduced to sea level with a lapse rate (fitted from the stations by least squares of temperature on elevation together with a planar trend, or fixed, default −6.5 °C/km), the residuals are interpolated in a local azimuthal-equidistant plane in km with a thin-plate spline (scipy RBFInterpolator, with smoothing) or inverse distance weighting, and the lapse-rate term is re-added with the DEM warped to the model grid. Stations at the same location are averaged. The leave-one-out cross-validation RMSE per month goes to the log and, optionally, to an HTML report.</source>
      <translation>通过观测插值生成 12 波段月平均气温气候态（°C）。逐月将气象站数值用气温直减率订正到海平面（直减率由气象站对海拔和平面趋势做最小二乘拟合得到，或取固定值，默认 −6.5 °C/km），在以公里为单位的局部方位等距平面上用薄板样条（scipy RBFInterpolator，带平滑）或反距离加权插值残差，再用重采样到模型格网的 DEM 加回直减率项。位置相同的气象站取平均。逐月留一交叉验证 RMSE 写入日志，并可选写入 HTML 报告。</translation>
    </message>
    <message>
      <source>Input raster</source>
      <translation>输入栅格</translation>
    </message>
    <message>
      <source>Raster to clip and align.</source>
      <translation>要裁剪和对齐的栅格。</translation>
    </message>
    <message>
      <source>Data kind</source>
      <translation>数据类型</translation>
    </message>
    <message>
      <source>Continuous</source>
      <translation>连续型</translation>
    </message>
    <message>
      <source>Categorical (classes)</source>
      <translation>类别型（分类）</translation>
    </message>
    <message>
      <source>Continuous values are interpolated; categorical classes are never blended.</source>
      <translation>连续值进行插值；类别从不混合。</translation>
    </message>
    <message>
      <source>GDAL warp resampling; Automatic chooses by data kind and pixel-size ratio.</source>
      <translation>GDAL warp 重采样方法；自动：按数据类型和像元大小之比选择。</translation>
    </message>
    <message>
      <source>Source CRS override</source>
      <translation>覆盖源坐标参考系</translation>
    </message>
    <message>
      <source>Use only when the input has no CRS or a wrong one.</source>
      <translation>仅在输入没有坐标参考系或坐标参考系错误时使用。</translation>
    </message>
    <message>
      <source>Aligned raster</source>
      <translation>对齐后的栅格</translation>
    </message>
    <message>
      <source>The input on the model grid (Float32, NoData −9999).</source>
      <translation>位于模型格网上的输入（Float32，无数据值 −9999）。</translation>
    </message>
    <message>
      <source>Clip and align raster to model grid</source>
      <translation>裁剪并对齐栅格到模型格网</translation>
    </message>
    <message>
      <source>Clips, reprojects and resamples any raster onto the model grid with GDAL warp, keeping every band, its description and unit. Continuous data (temperature, DEM, soil properties) are resampled bilinearly, or averaged when the source pixels are less than half the grid pixel; categorical data (land cover) by nearest neighbour, or by the mode when the source is finer. The source CRS is honoured (e.g. SoilGrids' Interrupted Goode Homolosine), NoData is carried through and GDAL scale/offset are applied. Output: Float32, NoData −9999, NoData outside the template's region.</source>
      <translation>用 GDAL warp 将任意栅格裁剪、重投影并重采样到模型格网，保留每个波段及其描述和单位。连续型数据（温度、DEM、土壤属性）双线性重采样，源像元小于格网像元一半时取平均值；类别型数据（土地覆盖）用最邻近法，源数据更细时取众数。遵循源坐标参考系（如 SoilGrids 的 Interrupted Goode Homolosine 投影），保留无数据值并应用 GDAL 缩放/偏移。输出：Float32，无数据值 −9999，模板区域以外为无数据。</translation>
    </message>
    <message>
      <source>Region extent</source>
      <translation>区域范围</translation>
    </message>
    <message>
      <source>Rectangle of the region (any CRS; it is reprojected to the grid CRS).</source>
      <translation>区域的矩形范围（任意坐标参考系；会重投影到格网坐标参考系）。</translation>
    </message>
    <message>
      <source>Region polygons</source>
      <translation>区域多边形</translation>
    </message>
    <message>
      <source>Polygon layer of the region; the grid covers the buffered polygons and the mask is 1 inside.</source>
      <translation>区域多边形图层；格网覆盖缓冲后的多边形，多边形内部掩膜为 1。</translation>
    </message>
    <message>
      <source>Buffer distance (km)</source>
      <translation>缓冲距离（km）</translation>
    </message>
    <message>
      <source>Buffer around the region polygons, in km (measured on the ground whatever the CRS).</source>
      <translation>区域多边形的缓冲距离，km（无论何种坐标参考系均按地面距离量算）。</translation>
    </message>
    <message>
      <source>Existing template raster</source>
      <translation>已有模板栅格</translation>
    </message>
    <message>
      <source>Copy the grid (extent, resolution, CRS) of this raster; its NoData pixels are outside the region.</source>
      <translation>复制此栅格的格网（范围、分辨率、坐标参考系）；其无数据像元位于区域之外。</translation>
    </message>
    <message>
      <source>Resolution (grid CRS units; 0.0083333° = 30″)</source>
      <translation>分辨率（格网坐标参考系单位；0.0083333° = 30″）</translation>
    </message>
    <message>
      <source>Pixel size in units of the grid CRS: degrees for EPSG:4326 (default 1/120° = 30″), metres for projected CRSs. Ignored with an existing template raster.</source>
      <translation>像元大小，以格网坐标参考系为单位：EPSG:4326 为度（默认 1/120° = 30″），投影坐标系为米。使用已有模板栅格时忽略。</translation>
    </message>
    <message>
      <source>Grid CRS</source>
      <translation>格网坐标参考系</translation>
    </message>
    <message>
      <source>CRS of the model grid (default EPSG:4326). Ignored with an existing template raster.</source>
      <translation>模型格网的坐标参考系（默认 EPSG:4326）。使用已有模板栅格时忽略。</translation>
    </message>
    <message>
      <source>Template raster: 1-band Float32 'mask', 1 inside the region, NoData outside.</source>
      <translation>模板栅格：单波段 Float32 'mask'，区域内为 1，区域外为无数据。</translation>
    </message>
    <message>
      <source>Columns</source>
      <translation>列数</translation>
    </message>
    <message>
      <source>Rows</source>
      <translation>行数</translation>
    </message>
    <message>
      <source>Pixels inside the region</source>
      <translation>区域内像元数</translation>
    </message>
    <message>
      <source>Prepare model grid</source>
      <translation>准备模型格网</translation>
    </message>
    <message>
      <source>Defines the common grid of all model inputs and writes it as a template raster (band 'mask': 1 inside the region, NoData outside). Give exactly one region: an extent, a polygon layer (optionally buffered; pixels whose centre is inside are in), or an existing raster whose grid is copied. The default grid is 30″ (1/120°, about 0.93 km north–south) in EPSG:4326, as the published 1 km product; the extent is snapped outward to whole pixels.</source>
      <translation>定义所有模型输入的公共格网，并写出为模板栅格（波段 'mask'：区域内为 1，区域外为无数据）。只能给出一种区域：范围、多边形图层（可缓冲；像元中心在多边形内即属于区域），或复制其格网的已有栅格。默认格网与已发表的 1 km 产品相同，为 EPSG:4326 下的 30″（1/120°，南北向约 0.93 km）；范围向外对齐到整像元。</translation>
    </message>
    <message>
      <source>ERA5-Land file (NetCDF or GRIB)</source>
      <translation>ERA5-Land 文件（NetCDF 或 GRIB）</translation>
    </message>
    <message>
      <source>ERA5-Land (monthly or hourly) file holding stl1, stl2, stl3 and stl4 over the region.</source>
      <translation>覆盖该区域、含 stl1、stl2、stl3 和 stl4 的 ERA5-Land（月或小时）文件。</translation>
    </message>
    <message>
      <source>Initial ground temperature (°C)</source>
      <translation>初始地温（°C）</translation>
    </message>
    <message>
      <source>4-band initial-state raster tsoil_NNNNcm in °C.</source>
      <translation>4 波段初始状态栅格 tsoil_NNNNcm，°C。</translation>
    </message>
    <message>
      <source>ERA5-Land initial ground temperature</source>
      <translation>ERA5-Land 初始地温</translation>
    </message>
    <message>
      <source>Reads ERA5-Land soil temperature stl1…stl4 (kelvin; layers 0–7, 7–28, 28–100, 100–289 cm) from a NetCDF file (GRIB files are read through GDAL's GRIB driver, messages STL1…STL4), averages all time steps (time or valid_time), handles latitudes in either order and longitudes 0–360, and regrids bilinearly with GDAL warp to the model grid. Output: bands tsoil_0004cm, tsoil_0018cm, tsoil_0064cm, tsoil_0195cm in °C (layer mid-depths 3.5, 17.5, 64, 194.5 cm, names rounded; exact depths in the DEPTHS_CM metadata). The model run extends the profile below with the geothermal gradient; without this raster it starts from the TTOP equilibrium.</source>
      <translation>从 NetCDF 文件读取 ERA5-Land 土壤温度 stl1…stl4（开尔文；土层 0–7、7–28、28–100、100–289 cm）（GRIB 文件通过 GDAL 的 GRIB 驱动读取，消息 STL1…STL4），对所有时间步（time 或 valid_time）求平均，可处理任一顺序的纬度和 0–360 的经度，并用 GDAL warp 双线性重采样到模型格网。输出：波段 tsoil_0004cm、tsoil_0018cm、tsoil_0064cm、tsoil_0195cm，单位 °C（土层中点深度 3.5、17.5、64、194.5 cm，名称取整；精确深度见元数据 DEPTHS_CM）。模型运行时以地温梯度向下延伸该剖面；没有此栅格时从 TTOP 平衡剖面开始。</translation>
    </message>
    <message>
      <source>Land cover (classes)</source>
      <translation>土地覆盖（类别）</translation>
    </message>
    <message>
      <source>Categorical land-cover raster, e.g. MODIS MCD12C1/MCD12Q1 IGBP (0 water … 16 barren).</source>
      <translation>类别型土地覆盖栅格，如 MODIS MCD12C1/MCD12Q1 IGBP（0 水体 … 16 裸地）。</translation>
    </message>
    <message>
      <source>Land-cover scheme</source>
      <translation>土地覆盖分类体系</translation>
    </message>
    <message>
      <source>MODIS IGBP (0–16)</source>
      <translation>MODIS IGBP（0–16）</translation>
    </message>
    <message>
      <source>ESA CCI Land Cover (10–220)</source>
      <translation>ESA CCI 土地覆盖（10–220）</translation>
    </message>
    <message>
      <source>Class scheme of the land-cover raster, selecting the bundled n-factor table.</source>
      <translation>土地覆盖栅格的分类体系，用于选择内置的 n因子表。</translation>
    </message>
    <message>
      <source>n-factor table (CSV)</source>
      <translation>n因子表（CSV）</translation>
    </message>
    <message>
      <source>CSV with columns class,n_freezing,n_thawing (others ignored; empty n-factors = NoData). Overrides the bundled table of the scheme.</source>
      <translation>含 class、n_freezing、n_thawing 列的 CSV（其他列忽略；n因子为空 = 无数据）。替代该分类体系的内置表。</translation>
    </message>
    <message>
      <source>Snow (optional)</source>
      <translation>积雪（可选）</translation>
    </message>
    <message>
      <source>Mean snow cover of the freezing season (band 1), in metres of snow depth or of water equivalent (see Snow quantity); depths must lie within 0–5 m. Sets the freezing n-factor where it has data.</source>
      <translation>冻结季平均积雪（波段 1），单位为米雪深或米水当量（见“积雪量”）；雪深须在 0–5 m 之间。有数据处由其确定冻结 n因子。</translation>
    </message>
    <message>
      <source>Snow quantity</source>
      <translation>积雪量</translation>
    </message>
    <message>
      <source>Snow depth (m)</source>
      <translation>雪深（m）</translation>
    </message>
    <message>
      <source>Snow water equivalent (m of water)</source>
      <translation>雪水当量（m 水）</translation>
    </message>
    <message>
      <source>What the snow raster holds; a water equivalent is turned into depth with the snow density.</source>
      <translation>积雪栅格所存的量；雪水当量按积雪密度换算为雪深。</translation>
    </message>
    <message>
      <source>Snow density (kg/m³)</source>
      <translation>积雪密度（kg/m³）</translation>
    </message>
    <message>
      <source>Bulk density of the snow pack; sets its conductivity (Sturm et al. 1997) and heat capacity. About 200–250 kg/m³ in taiga snow, 300–350 kg/m³ in wind-packed tundra and steppe snow.</source>
      <translation>雪层整体密度；决定其导热率（Sturm et al. 1997）和热容量。泰加林积雪约 200–250 kg/m³，风压实的苔原和草原积雪约 300–350 kg/m³。</translation>
    </message>
    <message>
      <source>Snow-free freezing n-factor</source>
      <translation>无雪冻结 n因子</translation>
    </message>
    <message>
      <source>Freezing n-factor of the ground without snow (about 0.9–1.0, Lunardini 1978); the snow's attenuation multiplies it.</source>
      <translation>无积雪时地面的冻结 n因子（约 0.9–1.0，Lunardini 1978）；再乘以积雪的衰减系数。</translation>
    </message>
    <message>
      <source>GDAL warp resampling. Automatic uses nearest neighbour, or the mode when the land cover is finer than the grid (the snow raster: bilinear, or average when finer).</source>
      <translation>GDAL warp 重采样方法。自动：最邻近，土地覆盖比格网细时取众数（积雪栅格：双线性，比格网细时取平均）。</translation>
    </message>
    <message>
      <source>2-band n-factor raster on the model grid.</source>
      <translation>模型格网上的双波段 n因子栅格。</translation>
    </message>
    <message>
      <source>Land cover to n-factors</source>
      <translation>土地覆盖 → n因子</translation>
    </message>
    <message>
      <source>Turns a land-cover class raster (MODIS MCD12 IGBP by default, Byte, NoData 255) into the 2-band freezing/thawing n-factor raster through a lookup table. Classes are aligned by nearest neighbour (mode when the source is finer). Default IGBP n-factors (class: n_freezing/n_thawing) are representative values within the ranges of Lunardini (1978), Klene et al. (2001), Smith &amp; Riseborough (2002), Karunaratne &amp; Burn (2004) and Kade et al. (2006); class 3 stands for the larch forests of the Greater Khingan: {table}. Water (0) and classes with empty n-factors become NoData, so the model skips them. ESA CCI LC classes (10–220, water 210) use the same values through resources/tables/nfactors_esacci.csv; for other schemes give your own CSV table. With a snow raster (mean snow depth or water equivalent of the freezing season, e.g. ERA5-Land sde or sd averaged over November–March), the freezing n-factor comes from the snow instead: the snow pack is a conducting layer over frozen ground, which passes a share a(h) of the annual temperature swing to the ground (periodic conduction through a layer, Carslaw &amp; Jaeger 1959, as Goodrich 1982 treated snow; Zhang 2005), with the snow conductivity of its density (Sturm et al. 1997): n_freezing = snow-free n-factor × a(h), e.g. 0.57 under 0.1 m, 0.29 under 0.3 m and 0.16 under 0.6 m of 250 kg/m³ snow. Pixels where the snow raster has no data keep the table's value; the thawing n-factor always comes from the table.</source>
      <translation>通过查找表将土地覆盖类别栅格（默认 MODIS MCD12 IGBP，Byte，无数据值 255）转换为冻结/融化 n因子双波段栅格。类别用最邻近法对齐（源数据更细时取众数）。默认 IGBP n因子（类别：冻结 n因子/融化 n因子）为 Lunardini (1978)、Klene et al. (2001)、Smith &amp; Riseborough (2002)、Karunaratne &amp; Burn (2004) 和 Kade et al. (2006) 给出范围内的代表值；类别 3 代表大兴安岭的落叶松林：{table}。水体（0）和 n因子为空的类别为无数据，模型跳过这些像元。ESA CCI LC 类别（10–220，水体 210）通过 resources/tables/nfactors_esacci.csv 使用相同的值；其他分类体系请提供自己的 CSV 表。给出积雪栅格（冻结季平均雪深或雪水当量，例如 ERA5-Land 的 sde 或 sd 在 11–3 月的平均）时，冻结 n因子改由积雪确定：把雪层视为冻土之上的导热层，它把年温度变幅的 a(h) 部分传到地面（层状介质中的周期热传导，Carslaw &amp; Jaeger 1959，Goodrich 1982 即如此处理积雪；Zhang 2005），雪的导热率由其密度给出（Sturm et al. 1997）：冻结 n因子 = 无雪 n因子 × a(h)，例如 250 kg/m³ 的积雪深 0.1 m 时为 0.57，0.3 m 时为 0.29，0.6 m 时为 0.16。积雪栅格无数据的像元保留查找表的值；融化 n因子始终取自查找表。</translation>
    </message>
    <message>
      <source>HWSD topsoil sand (%)</source>
      <translation>HWSD 表土砂粒（%）</translation>
    </message>
    <message>
      <source>HWSD topsoil sand content in % by weight (NoData −1).</source>
      <translation>HWSD 表土砂粒含量，重量百分比（无数据值 −1）。</translation>
    </message>
    <message>
      <source>HWSD topsoil silt (%)</source>
      <translation>HWSD 表土粉粒（%）</translation>
    </message>
    <message>
      <source>HWSD topsoil silt content in % by weight (NoData −1).</source>
      <translation>HWSD 表土粉粒含量，重量百分比（无数据值 −1）。</translation>
    </message>
    <message>
      <source>HWSD topsoil clay (%)</source>
      <translation>HWSD 表土黏粒（%）</translation>
    </message>
    <message>
      <source>HWSD topsoil clay content in % by weight (NoData −1).</source>
      <translation>HWSD 表土黏粒含量，重量百分比（无数据值 −1）。</translation>
    </message>
    <message>
      <source>HWSD topsoil organic carbon (%)</source>
      <translation>HWSD 表土有机碳（%）</translation>
    </message>
    <message>
      <source>HWSD topsoil organic carbon content in % by weight (NoData −1).</source>
      <translation>HWSD 表土有机碳含量，重量百分比（无数据值 −1）。</translation>
    </message>
    <message>
      <source>Soil depth (m)</source>
      <translation>土层厚度（m）</translation>
    </message>
    <message>
      <source>Depth of the soil base; below it the substrate starts.</source>
      <translation>土层底界的深度；其下为基底。</translation>
    </message>
    <message>
      <source>Subsoil organic carbon (%)</source>
      <translation>底土有机碳（%）</translation>
    </message>
    <message>
      <source>Organic carbon of the subsoil (0.3 m to the soil depth), % by weight; HWSD gives topsoil only.</source>
      <translation>底土（0.3 m 至土层底界）的有机碳含量，重量百分比；HWSD 只提供表土。</translation>
    </message>
    <message>
      <source>Soil water (ice) content</source>
      <translation>土壤含水（含冰）量</translation>
    </message>
    <message>
      <source>Field capacity (−33 kPa)</source>
      <translation>田间持水量（−33 kPa）</translation>
    </message>
    <message>
      <source>Degree of saturation (below)</source>
      <translation>饱和度（见下）</translation>
    </message>
    <message>
      <source>Total water + ice content of the mineral layers: the field capacity (Saxton &amp; Rawls 2006, or SoilGrids wv0033 when given), or the degree of saturation below times the porosity.</source>
      <translation>矿质土层的总含水量（水 + 冰）：田间持水量（Saxton &amp; Rawls 2006，或给出时用 SoilGrids wv0033），或下方饱和度乘以孔隙度。</translation>
    </message>
    <message>
      <source>Degree of saturation (0–1)</source>
      <translation>饱和度（0–1）</translation>
    </message>
    <message>
      <source>Fraction of the pore space filled with water/ice, used with 'Degree of saturation'.</source>
      <translation>孔隙中水/冰所占的比例，与“饱和度”选项一起使用。</translation>
    </message>
    <message>
      <source>Organic (peat/moss) layer thickness (m)</source>
      <translation>有机质层（泥炭/苔藓）厚度（m）</translation>
    </message>
    <message>
      <source>Constant thickness of an organic layer over the mineral soil (0 = none). Peat properties after Farouki (1981): porosity 0.9, dry density 130 kg/m³.</source>
      <translation>矿质土之上有机质层的恒定厚度（0 = 无）。泥炭性质取自 Farouki (1981)：孔隙度 0.9，干密度 130 kg/m³。</translation>
    </message>
    <message>
      <source>Organic layer thickness raster (m)</source>
      <translation>有机质层厚度栅格（m）</translation>
    </message>
    <message>
      <source>Organic-layer thickness in metres per pixel; overrides the constant. Pixels with 0 get a 1 cm layer.</source>
      <translation>逐像元的有机质层厚度，米；替代常数值。值为 0 的像元取 1 cm 厚的层。</translation>
    </message>
    <message>
      <source>Organic layer water content (m³/m³)</source>
      <translation>有机质层含水量（m³/m³）</translation>
    </message>
    <message>
      <source>Volumetric water + ice content of the organic layer.</source>
      <translation>有机质层的体积含水量（水 + 冰）。</translation>
    </message>
    <message>
      <source>Depth of the model bottom; the substrate layer reaches from the soil base to here (the model extends its last layer to its own bottom anyway).</source>
      <translation>模型底边界的深度；基底层从土层底界延伸到此处（模型无论如何都会把最后一层延伸到自身的底边界）。</translation>
    </message>
    <message>
      <source>Substrate thermal conductivity (W/m/K)</source>
      <translation>基底导热系数（W/m/K）</translation>
    </message>
    <message>
      <source>Conductivity of the weathered bedrock below the soil data (default 2.4 thawed; frozen = this + 0.1), within the ranges of Čermák &amp; Rybach (1982).</source>
      <translation>土壤数据以下风化基岩的导热系数（默认融化态 2.4；冻结态 = 此值 + 0.1），在 Čermák &amp; Rybach (1982) 给出的范围内。</translation>
    </message>
    <message>
      <source>Substrate heat capacity (MJ/m³/K)</source>
      <translation>基底热容量（MJ/m³/K）</translation>
    </message>
    <message>
      <source>Volumetric heat capacity of the substrate, thawed (frozen = this − 0.1).</source>
      <translation>基底的体积热容量，融化态（冻结态 = 此值 − 0.1）。</translation>
    </message>
    <message>
      <source>Substrate water content (m³/m³)</source>
      <translation>基底含水量（m³/m³）</translation>
    </message>
    <message>
      <source>Fracture water of the substrate, freezing at 0 °C (free water).</source>
      <translation>基底的裂隙水，在 0 °C 冻结（自由水）。</translation>
    </message>
    <message>
      <source>GDAL warp resampling. Automatic uses nearest neighbour (soil map units), or the mode when the data are finer.</source>
      <translation>GDAL warp 重采样方法。自动：最邻近（土壤制图单元），数据更细时取众数。</translation>
    </message>
    <message>
      <source>Soil raster: 8 bands per layer (layerNN_&lt;field&gt;), top first.</source>
      <translation>土壤栅格：每层 8 个波段（layerNN_&lt;field&gt;），自上而下。</translation>
    </message>
    <message>
      <source>Valid pixels</source>
      <translation>有效像元数</translation>
    </message>
    <message>
      <source>HWSD topsoil → soil thermal properties</source>
      <translation>HWSD 表土 → 土壤热物理参数</translation>
    </message>
    <message>
      <source>Turns the Harmonized World Soil Database topsoil (0–30 cm) sand, silt, clay and organic carbon (% by weight, NoData −1) into the per-layer soil thermal-property raster of the model: topsoil 0–0.3 m; subsoil 0.3 m to the soil depth with the topsoil texture and the subsoil organic carbon; substrate (weathered bedrock) from the soil depth to the model bottom; optional organic layer on top. Bulk density, porosity and field capacity by the Saxton &amp; Rawls (2006) pedotransfer functions (organic matter = 1.724 × organic carbon, clamped at 8 % in their equations). Pixels where sand + silt + clay = 0 (water, rock, urban in HWSD) are NoData.</source>
      <translation>将世界土壤数据库（HWSD）表土（0–30 cm）的砂粒、粉粒、黏粒和有机碳（重量百分比，无数据值 −1）转换为模型所需的分层土壤热物理参数栅格：表土 0–0.3 m；底土从 0.3 m 到土层底界，采用表土质地和底土有机碳；基底（风化基岩）从土层底界到模型底边界；顶部可选有机质层。容重、孔隙度和田间持水量由 Saxton &amp; Rawls (2006) 土壤转换函数计算（有机质 = 1.724 × 有机碳，在其公式中上限为 8 %）。砂粒 + 粉粒 + 黏粒 = 0 的像元（HWSD 中的水体、岩石、城市）为无数据。</translation>
    </message>
    <message>
      <source>Thermal conductivity: Johansen (1975) with the Kersten number for frozen (Ke = Sr) and thawed coarse/fine soils, quartz content taken as the sand fraction (k_quartz 7.7, other minerals 2.0/3.0, water 0.57, ice 2.2 W/m/K; Farouki 1981; Peters-Lidard et al. 1998), organic solids 0.25 W/m/K (Lawrence &amp; Slater 2008). Heat capacity: de Vries (1963) mixture of mineral (2.0), organic (2.5), water (4.18) and ice (1.93 MJ/m³/K). Unfrozen water θu = a|T|^−b: free water (a = 0) for coarse soils (sand ≥ 50 %, clay &lt; 15 %), a = 0.05, b = 0.40 for loams/silts and a = 0.12, b = 0.50 for clays (clay ≥ 35 %), representative of Anderson &amp; Tice (1972) curves as used in GIPL (Nicolsky et al. 2009); a is capped at the water content.</source>
      <translation>导热系数：Johansen (1975) 方法，冻结（Ke = Sr）和融化的粗/细质土采用 Kersten 数，石英含量取砂粒比例（k_石英 7.7，其他矿物 2.0/3.0，水 0.57，冰 2.2 W/m/K；Farouki 1981；Peters-Lidard et al. 1998），有机质固体 0.25 W/m/K（Lawrence &amp; Slater 2008）。热容量：de Vries (1963) 混合公式，矿物 2.0、有机质 2.5、水 4.18、冰 1.93 MJ/m³/K。未冻水含量 θu = a|T|^−b：粗质土（砂粒 ≥ 50 %，黏粒 &lt; 15 %）为自由水（a = 0），壤土/粉土 a = 0.05、b = 0.40，黏土（黏粒 ≥ 35 %）a = 0.12、b = 0.50，代表 GIPL（Nicolsky et al. 2009）中采用的 Anderson &amp; Tice (1972) 曲线；a 不超过含水量。</translation>
    </message>
    <message>
      <source>SoilGrids folder</source>
      <translation>SoilGrids 文件夹</translation>
    </message>
    <message>
      <source>Folder with &lt;property&gt;_&lt;depth&gt;_mean.tif (or .vrt) files as downloaded from SoilGrids.</source>
      <translation>含从 SoilGrids 下载的 &lt;property&gt;_&lt;depth&gt;_mean.tif（或 .vrt）文件的文件夹。</translation>
    </message>
    <message>
      <source>GDAL warp resampling. Automatic uses average when the tiles are finer than the grid, else bilinear.</source>
      <translation>GDAL warp 重采样方法。自动：瓦片比格网细时取平均值，否则双线性。</translation>
    </message>
    <message>
      <source>SoilGrids250m → soil thermal properties</source>
      <translation>SoilGrids250m → 土壤热物理参数</translation>
    </message>
    <message>
      <source>Turns SoilGrids250m 2.0 tiles into the per-layer soil thermal-property raster: one layer per SoilGrids depth interval (0–5, 5–15, 15–30, 30–60, 60–100, 100–200 cm), then the substrate to the model bottom, optional organic layer on top. The folder must hold sand, silt, clay (g/kg), bdod (cg/cm³) and soc (dg/kg) for all six depths, named like sand_0-5cm_mean.tif (optional wv0033, 10⁻³ cm³/cm³, for the field capacity). Units are converted exactly (g/kg ÷ 10 → %, cg/cm³ × 10 → kg/m³, dg/kg ÷ 100 → %, 10⁻³ → m³/m³); tiles in Interrupted Goode Homolosine are warped to the grid (averaged when finer). Porosity = 1 − bulk density / particle density (mineral 2650, organic 1300 kg/m³).</source>
      <translation>将 SoilGrids250m 2.0 瓦片转换为分层土壤热物理参数栅格：每个 SoilGrids 深度区间（0–5、5–15、15–30、30–60、60–100、100–200 cm）一层，其下为延伸到模型底边界的基底，顶部可选有机质层。文件夹中须有全部六个深度的砂粒、粉粒、黏粒（g/kg）、容重 bdod（cg/cm³）和有机碳 soc（dg/kg），文件名形如 sand_0-5cm_mean.tif（可选 wv0033，10⁻³ cm³/cm³，用于田间持水量）。单位精确换算（g/kg ÷ 10 → %，cg/cm³ × 10 → kg/m³，dg/kg ÷ 100 → %，10⁻³ → m³/m³）；Interrupted Goode Homolosine 投影的瓦片重采样到格网（更细时取平均值）。孔隙度 = 1 − 容重 / 颗粒密度（矿物 2650，有机质 1300 kg/m³）。</translation>
    </message>
    <message>
      <source>Routes</source>
      <translation>线路</translation>
    </message>
    <message>
      <source>Line layer of routes or route alternatives, in any CRS (reprojected to WGS84 internally).</source>
      <translation>线路或线路比选方案的线图层，任意坐标参考系（内部重投影到 WGS84）。</translation>
    </message>
    <message>
      <source>Route name field</source>
      <translation>线路名称字段</translation>
    </message>
    <message>
      <source>Field naming each route in the outputs (default: 'route &lt;feature id&gt;').</source>
      <translation>在输出中为各线路命名的字段（默认：'route &lt;要素 ID&gt;'）。</translation>
    </message>
    <message>
      <source>Active-layer thickness raster (m)</source>
      <translation>活动层厚度栅格（m）</translation>
    </message>
    <message>
      <source>Optional ALT raster (m, band 1), sampled like MAGT and drawn on the profile's second axis.</source>
      <translation>可选的活动层厚度栅格（m，波段 1），与年平均地温同样采样，并绘制在剖面图的第二纵轴上。</translation>
    </message>
    <message>
      <source>Stability class raster</source>
      <translation>热稳定性分类栅格</translation>
    </message>
    <message>
      <source>Optional class raster (e.g. from 'Thermal-stability classes', band 1), sampled at each piece's midpoint. Without it the class is computed from the MAGT used with the scheme below.</source>
      <translation>可选的分类栅格（如“多年冻土热稳定性分类”的输出，波段 1），在每段的中点采样。缺省时按下方分类方案由所用的年平均地温计算类别。</translation>
    </message>
    <message>
      <source>Stability scheme</source>
      <translation>热稳定性分类方案</translation>
    </message>
    <message>
      <source>Thermal stability (Zhou et al. 2000, Geocryology in China)</source>
      <translation>热稳定性（周幼吾等 2000，《中国冻土》）</translation>
    </message>
    <message>
      <source>High-/low-temperature permafrost (0 to −2 °C / &lt; −2 °C)</source>
      <translation>高温/低温多年冻土（0 至 −2 °C / &lt; −2 °C）</translation>
    </message>
    <message>
      <source>Cold / cool / warm permafrost (Ran et al. 2022, ESSD 14:865)</source>
      <translation>冷/凉/暖多年冻土（Ran et al. 2022，ESSD 14:865）</translation>
    </message>
    <message>
      <source>User-defined table (below)</source>
      <translation>自定义分类表（见下）</translation>
    </message>
    <message>
      <source>Class limits on MAGT (°C), lower limit inclusive. Zhou et al. (2000): extremely stable &lt; −5, stable −5 to −3, sub-stable −3 to −1.5, transitional −1.5 to −0.5, unstable −0.5 to 0. High-/low-temperature permafrost: 0 to −2 / &lt; −2 (the published NE China product). Ran et al. (2022): cold &lt; −3, cool −3 to −1.5, warm −1.5 to 0. MAGT ≥ 0 °C is the class 'no permafrost / seasonally frozen' (code 0).</source>
      <translation>按年平均地温（°C）划分的类别界限，含下限。周幼吾等 (2000)：极稳定型 &lt; −5，稳定型 −5 至 −3，亚稳定型 −3 至 −1.5，过渡型 −1.5 至 −0.5，不稳定型 −0.5 至 0。高温/低温多年冻土：0 至 −2 / &lt; −2（已发表的中国东北产品）。Ran et al. (2022)：冷 &lt; −3，凉 −3 至 −1.5，暖 −1.5 至 0。年平均地温 ≥ 0 °C 为“非多年冻土 / 季节冻土”类（代码 0）。</translation>
    </message>
    <message>
      <source>User-defined classes</source>
      <translation>自定义类别</translation>
    </message>
    <message>
      <source>Lower (°C)</source>
      <translation>下限（°C）</translation>
    </message>
    <message>
      <source>Upper (°C)</source>
      <translation>上限（°C）</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Used with 'User-defined table': one row per class, lower ≤ MAGT &lt; upper (°C; empty = open end), an integer code and a name. A class 'no permafrost' (code 0) is added when no row reaches 0 °C.</source>
      <translation>与“自定义分类表”一起使用：每行一个类别，下限 ≤ 年平均地温 &lt; 上限（°C；空 = 无界），一个整数代码和一个名称。若没有任何一行达到 0 °C，则自动添加“非多年冻土”类（代码 0）。</translation>
    </message>
    <message>
      <source>Sampling spacing (m)</source>
      <translation>采样间距（m）</translation>
    </message>
    <message>
      <source>Geodesic length of each piece along the route, m.</source>
      <translation>沿线路每段的测地线长度，m。</translation>
    </message>
    <message>
      <source>Buffer width each side (m)</source>
      <translation>两侧缓冲宽度（m）</translation>
    </message>
    <message>
      <source>0 samples on the route only; otherwise the worst value within this distance on either side (perpendicular offsets at most half a spacing apart) is used.</source>
      <translation>0 表示只在线路上采样；否则取线路两侧此距离内的最不利值（垂直偏移点间距最多为半个采样间距）。</translation>
    </message>
    <message>
      <source>Warm permafrost threshold (°C)</source>
      <translation>高温多年冻土阈值（°C）</translation>
    </message>
    <message>
      <source>Permafrost with MAGT at or above this value (and below 0 °C) counts as warm permafrost.</source>
      <translation>年平均地温不低于此值（且低于 0 °C）的多年冻土计为高温多年冻土。</translation>
    </message>
    <message>
      <source>Nearest neighbour: value of the pixel containing the point; Bilinear: interpolated between pixel centres (NoData if any of the four pixels is NoData).</source>
      <translation>最邻近：取点所在像元的值；双线性：在像元中心之间插值（四个像元中任一为无数据时结果为无数据）。</translation>
    </message>
    <message>
      <source>Route segments</source>
      <translation>线路分段</translation>
    </message>
    <message>
      <source>Pieces of the routes with route, chainage from_km/to_km, length_km, magt_c (value used), magt_centre_c, alt_m, class_code, class_name, permafrost (1/0) and warm (1/0).</source>
      <translation>线路的分段，含 route、里程 from_km/to_km、length_km、magt_c（所用值）、magt_centre_c、alt_m、class_code、class_name、permafrost（1/0）和 warm（1/0）。</translation>
    </message>
    <message>
      <source>Route summary</source>
      <translation>线路汇总</translation>
    </message>
    <message>
      <source>One row per route: length, km on permafrost, on warm permafrost, without data, per class (km_class_&lt;code&gt;), coldest and warmest piece.</source>
      <translation>每条线路一行：长度、多年冻土段 km、高温多年冻土段 km、无数据段 km、各类别 km（km_class_&lt;code&gt;）、最冷段和最暖段。</translation>
    </message>
    <message>
      <source>Corridor report</source>
      <translation>走廊报告</translation>
    </message>
    <message>
      <source>Single-file HTML report with the comparison tables and longitudinal profiles.</source>
      <translation>单文件 HTML 报告，含比较表和纵断面图。</translation>
    </message>
    <message>
      <source>Total route length (km)</source>
      <translation>线路总长度（km）</translation>
    </message>
    <message>
      <source>Total length on permafrost (km)</source>
      <translation>多年冻土段总长度（km）</translation>
    </message>
    <message>
      <source>Total length on warm permafrost (km)</source>
      <translation>高温多年冻土段总长度（km）</translation>
    </message>
    <message>
      <source>Route corridor profiles</source>
      <translation>线路走廊地温剖面</translation>
    </message>
    <message>
      <source>Samples MAGT (and optionally active-layer thickness and stability class) along pipeline, highway or railway routes, for route selection and comparing alternatives. Each route (one feature; several features = alternatives) is cut into pieces of the given spacing measured on the WGS84 ellipsoid, with geodesic interpolation along each segment; each piece takes the value at its midpoint or, with a buffer width, the worst value (warmest MAGT, deepest ALT) among the midpoint and points offset perpendicular to the route on both sides up to the buffer. Outputs: a segment layer with chainage (km), MAGT, ALT and class; a per-route summary table (length, km on permafrost, km on warm permafrost, km without data, km per class, coldest and warmest piece); and an HTML report with the longitudinal profile of every route (MAGT vs chainage with the 0 °C and warm-threshold lines, ALT on a second axis) to compare alternatives side by side. Routes in any CRS; pieces outside the raster or on NoData are counted as 'no data', never dropped. Runs in batch mode: each run writes its own outputs.</source>
      <translation>沿管道、公路或铁路线路采样年平均地温（以及可选的活动层厚度和热稳定性类别），用于选线和方案比选。每条线路（一个要素；多个要素 = 比选方案）按给定间距在 WGS84 椭球面上切分为若干段，沿各线段做测地线插值；每段取其中点的值，或在给定缓冲宽度时，取中点及线路两侧垂直偏移至缓冲距离的各点中的最不利值（最暖的年平均地温、最深的活动层厚度）。输出：含里程（km）、年平均地温、活动层厚度和类别的分段图层；每条线路的汇总表（长度、多年冻土段 km、高温多年冻土段 km、无数据段 km、各类别 km、最冷段和最暖段）；以及 HTML 报告，给出每条线路的纵断面（年平均地温随里程变化，含 0 °C 线和高温阈值线，活动层厚度在第二纵轴上），便于并列比较各方案。线路可用任意坐标参考系；位于栅格之外或无数据上的分段计为“无数据”，绝不丢弃。可在批处理模式下运行：每次运行写出各自的输出。</translation>
    </message>
    <message>
      <source>Output depths (m, comma-separated)</source>
      <translation>输出深度（m，逗号分隔）</translation>
    </message>
    <message>
      <source>Depths of the multi-depth MAGT output; 10 m is always simulated for the main output.</source>
      <translation>多深度年平均地温输出的深度；主输出所需的 10 m 总会模拟。</translation>
    </message>
    <message>
      <source>Estimate pixels whose TTOP exceeds (°C)</source>
      <translation>TTOP 高于此值（°C）的像元采用估算</translation>
    </message>
    <message>
      <source>Optional shortcut for pixels that can hold no permafrost: when a pixel starts from equilibrium and its TTOP is above this value (e.g. 2) in every simulated year, its MAGT comes from the steady conduction profile (TTOP + geothermal gradient) instead of a simulation; the diagnostics flag it. Measured error of MAGT(10 m) for such pixels: up to 0.5 °C (warm side), more than the merged run's, so it is off by default (empty). A merged run reports its error at the check pixels apart.</source>
      <translation>可选的捷径，用于不可能存在多年冻土的像元：若像元从平衡态开始且其 TTOP 在每个模拟年份都高于此值（例如 2），则其 MAGT 取自稳态传导剖面（TTOP + 地热梯度）而不进行模拟；诊断中会标记该像元。此类像元 10 m MAGT 的实测误差最大约 0.5 °C（偏暖），大于合并运行的误差，因此默认关闭（留空）。合并运行会在检验像元处单独报告其误差。</translation>
    </message>
    <message>
      <source>Merge tolerance (°C of MAGT)</source>
      <translation>合并容差（MAGT，°C）</translation>
    </message>
    <message>
      <source>Fast path: pixels alike in climate, soil, n-factors and heat flux are grouped, one pixel per group is simulated and the others are interpolated from the simulated ones, with bins sized so that MAGT(10 m) stays within about this many °C of the exact simulation. Every run also simulates random check pixels exactly and reports their largest and 99th-percentile error in the log, the outputs and the diagnostics; when the 99th percentile exceeds the tolerance (or the largest error twice it) the run groups again with half the tolerance. 0 simulates every pixel exactly.</source>
      <translation>快速路径：将气候、土壤、n 因子和热流相近的像元分组，每组只模拟一个像元，其余像元由已模拟的像元插值得到；分组区间的大小使 10 m MAGT 与精确模拟之差保持在约此值（°C）以内。每次运行还会对随机抽取的检验像元进行精确模拟，并在日志、输出和诊断中报告其最大误差和第 99 百分位误差；若第 99 百分位误差超过容差（或最大误差超过容差的两倍），则以一半的容差重新分组。设为 0 则逐像元精确模拟。</translation>
    </message>
    <message>
      <source>Check pixels (merged run)</source>
      <translation>检验像元数（合并运行）</translation>
    </message>
    <message>
      <source>Random pixels that a merged run also simulates exactly, to measure its error (fixed seed: a rerun checks the same pixels). They keep their exact values in the outputs.</source>
      <translation>合并运行中另外进行精确模拟的随机像元，用于度量其误差（固定随机种子：重新运行时检验相同的像元）。这些像元在输出中保留精确值。</translation>
    </message>
    <message>
      <source>Pixels per block</source>
      <translation>每块像元数</translation>
    </message>
    <message>
      <source>Simulated pixels per block (blocks are cut by the pixels they simulate, not by raster size); bounds memory (about 10 kB per pixel).</source>
      <translation>每个分块模拟的像元数（分块按所模拟的像元数划分，而非按栅格大小）；用于限制内存（每像元约 10 kB）。</translation>
    </message>
    <message>
      <source>Mean annual ground temperature at 10 m over the simulated period, °C, Float32 GeoTIFF.</source>
      <translation>模拟时段内 10 m 深度的年平均地温，°C，Float32 GeoTIFF。</translation>
    </message>
    <message>
      <source>MAGT at output depths (°C)</source>
      <translation>各输出深度的年平均地温（°C）</translation>
    </message>
    <message>
      <source>One band per output depth: mean annual ground temperature over the period, °C.</source>
      <translation>每个输出深度一个波段：模拟时段内的年平均地温，°C。</translation>
    </message>
    <message>
      <source>Active-layer thickness (m)</source>
      <translation>活动层厚度（m）</translation>
    </message>
    <message>
      <source>Mean over the period of the annual maximum thaw depth above permafrost, m; NoData where no ground stays frozen all year (no permafrost).</source>
      <translation>模拟时段内多年冻土之上年最大融化深度的平均值，m；在没有全年保持冻结的土层处（非多年冻土）为无数据。</translation>
    </message>
    <message>
      <source>TTOP (°C)</source>
      <translation>TTOP（°C）</translation>
    </message>
    <message>
      <source>Temperature at the top of permafrost from the TTOP model (Smith &amp; Riseborough), °C.</source>
      <translation>由 TTOP 模型（Smith &amp; Riseborough）计算的多年冻土顶板温度，°C。</translation>
    </message>
    <message>
      <source>Permafrost presence (MAGT(10 m) &lt; 0 °C)</source>
      <translation>多年冻土分布（10 m 年平均地温 &lt; 0 °C）</translation>
    </message>
    <message>
      <source>1 where MAGT at 10 m is below 0 °C, 0 elsewhere.</source>
      <translation>10 m 年平均地温低于 0 °C 处为 1，其他处为 0。</translation>
    </message>
    <message>
      <source>Run diagnostics</source>
      <translation>运行诊断</translation>
    </message>
    <message>
      <source>Bands: permafrost table depth (m), permafrost base depth (m), spin-up years used, spin-up converged (1/0), largest relative energy residual per step (the share of a step's heat exchange missing from its energy balance; below 1e-9 when every step converged), steps whose nonlinear iteration stayed unconverged (0 expected), steps that did not converge within 40 Newton iterations and were re-stepped in smaller sub-steps, skipped by the warm-pixel rule (1/0), interpolated by the merged run instead of simulated (1/0), and at the merged run's check pixels its MAGT(10 m) minus the exact simulation's (°C; NoData elsewhere).</source>
      <translation>波段：多年冻土上限深度（m）、多年冻土下限深度（m）、所用预热年数、预热是否收敛（1/0）、每步最大相对能量残差（该步热交换中未计入能量平衡的比例；各步均收敛时低于 1e-9）、非线性迭代仍未收敛的步数（应为 0）、在 40 次牛顿迭代内未收敛并以更小子步重算的步数、是否按暖像元规则跳过（1/0）、是否由合并运行插值而非模拟（1/0），以及在合并运行的检验像元处其 10 m MAGT 减去精确模拟值（°C；其他位置为无数据）。</translation>
    </message>
    <message>
      <source>Simulated pixels</source>
      <translation>模拟的像元数</translation>
    </message>
    <message>
      <source>Largest relative energy residual per step</source>
      <translation>每步最大相对能量残差</translation>
    </message>
    <message>
      <source>Steps re-stepped in smaller sub-steps</source>
      <translation>以更小子步长重算的步数</translation>
    </message>
    <message>
      <source>Steps left unconverged</source>
      <translation>未收敛的步数</translation>
    </message>
    <message>
      <source>Pixels simulated (merged run)</source>
      <translation>模拟的像元数（合并运行）</translation>
    </message>
    <message>
      <source>Largest MAGT error at the check pixels (°C)</source>
      <translation>检验像元处 MAGT 的最大误差（°C）</translation>
    </message>
    <message>
      <source>99th-percentile MAGT error at the check pixels (°C)</source>
      <translation>检验像元处 MAGT 的第 99 百分位误差（°C）</translation>
    </message>
    <message>
      <source>Simulate permafrost ground temperature</source>
      <translation>模拟多年冻土地温</translation>
    </message>
    <message>
      <source>Runs the 1-D enthalpy heat-conduction model in every pixel of the prepared rasters and writes the mean annual ground temperature (MAGT) at 10 m depth over the simulated period, the product of the published NE China 1 km map. Ground surface temperature is n_f × T_air in winter and n_t × T_air in summer; the geothermal heat flux enters at the bottom; time stepping is fully implicit (backward Euler). Each year's monthly air temperature is the climatology plus a linear trend relative to the climatology's central year, or plus the monthly anomalies when given. Without an initial-state raster each pixel starts from its TTOP equilibrium profile (TTOP at the surface extended down with the geothermal gradient) computed for the first simulated year. Pixels with NoData in any required input are skipped and stay NoData. The raster is processed in blocks, so memory stays bounded whatever the region size; blocks run in parallel worker processes, or as tasks on a Dask cluster (Dask scheduler, under Advanced). By default pixels alike in every input are grouped and one per group is simulated (Merge tolerance): the run then checks itself on random pixels simulated exactly and reports their error; a tolerance of 0 simulates every pixel. Outputs are written to temporary files and renamed when complete: cancel or failure leaves no partial GeoTIFF. Every output gets a sidecar .qml style, so it opens styled also when produced by qgis_process.</source>
      <translation>在预处理栅格的每个像元中运行一维焓法热传导模型，输出模拟时段内 10 m 深度的多年平均地温（MAGT），即已发表的中国东北 1 km 产品。地表温度冬季为 n_f × T_air，夏季为 n_t × T_air；地热热流从底部输入；时间步进为全隐式（后向欧拉）。每年的月气温为气候态加上相对于气候态中心年份的线性趋势，或在给定时加上月距平。没有初始状态栅格时，每个像元从其 TTOP 平衡剖面开始（地表为 TTOP，向下按地热梯度延伸），该剖面按第一个模拟年份计算。任一必需输入为无数据的像元被跳过并保持无数据。栅格按分块处理，因此无论区域多大内存都有上限；分块在并行工作进程中运行，或作为 Dask 集群上的任务运行（高级参数中的 Dask 调度器）。默认情况下，将各输入都相近的像元分组，每组只模拟一个像元（合并容差）：运行随后用精确模拟的随机像元自我检验并报告其误差；容差为 0 时逐像元模拟。输出先写入临时文件，完成后再重命名：取消或失败不会留下不完整的 GeoTIFF。每个输出都附带 .qml 样式文件，因此由 qgis_process 生成时也能以样式打开。</translation>
    </message>
    <message>
      <source>Polygon smoothing iterations</source>
      <translation>多边形平滑迭代次数</translation>
    </message>
    <message>
      <source>Rounds of Chaikin corner cutting of the class polygons (0 = exact pixel edges). Smoothed neighbouring classes may overlap or gap slightly.</source>
      <translation>对类别多边形进行 Chaikin 切角平滑的轮数（0 = 精确的像元边界）。平滑后的相邻类别可能略有重叠或缝隙。</translation>
    </message>
    <message>
      <source>Stability classes raster</source>
      <translation>热稳定性分类栅格</translation>
    </message>
    <message>
      <source>Class code per pixel (Int16 GeoTIFF), with a sidecar .qml style naming the classes.</source>
      <translation>逐像元的类别代码（Int16 GeoTIFF），附带命名各类别的同名 .qml 样式文件。</translation>
    </message>
    <message>
      <source>Stability class polygons</source>
      <translation>热稳定性类别多边形</translation>
    </message>
    <message>
      <source>One multipolygon per class present: code, name_en, name_zh, MAGT limits (°C), area_km2.</source>
      <translation>每个出现的类别一个多部件多边形：code、name_en、name_zh、年平均地温界限（°C）、area_km2。</translation>
    </message>
    <message>
      <source>Area with MAGT &lt; 0 °C (km²)</source>
      <translation>年平均地温 &lt; 0 °C 的面积（km²）</translation>
    </message>
    <message>
      <source>Thermal-stability classes</source>
      <translation>多年冻土热稳定性分类</translation>
    </message>
    <message>
      <source>Classifies a MAGT raster into permafrost thermal-stability classes and writes a classified raster (Int16 codes, NoData −9999, styled with class names in English and Chinese) and, optionally, one dissolved multipolygon per class with its area in km² on the WGS84 ellipsoid. Default scheme: the Chinese thermal-stability classification as commonly cited from Zhou Youwu et al. (2000), Geocryology in China (extremely stable 极稳定型, stable 稳定型, sub-stable 亚稳定型, transitional 过渡型, unstable 不稳定型). Sources differ on the warm end: some put the unstable class at −0.5 to +0.5 °C; here MAGT ≥ 0 °C is always 'no permafrost / seasonally frozen' (融区/季节冻土). Alternatives: high-/low-temperature permafrost (高温冻土 0 to −2 °C, 低温冻土 &lt; −2 °C, as the published NE China product reports), Ran et al. (2022, ESSD 14:865) cold/cool/warm (&lt; −3, −3 to −1.5, −1.5 to 0 °C), or your own table. Class areas are also reported in the log.</source>
      <translation>将年平均地温栅格划分为多年冻土热稳定性类别，写出分类栅格（Int16 代码，无数据值 −9999，带中英文类别名称的样式），并可选地写出每个类别一个融合后的多部件多边形，附 WGS84 椭球面上的面积（km²）。默认方案：通常引自周幼吾等 (2000)《中国冻土》的中国多年冻土热稳定性分类（极稳定型、稳定型、亚稳定型、过渡型、不稳定型）。各文献对暖端的界定不同：有的将不稳定型定为 −0.5 至 +0.5 °C；此处年平均地温 ≥ 0 °C 一律为“非多年冻土 / 季节冻土”（融区/季节冻土）。其他方案：高温/低温多年冻土（高温冻土 0 至 −2 °C，低温冻土 &lt; −2 °C，与已发表的中国东北产品一致）、Ran et al. (2022, ESSD 14:865) 的冷/凉/暖多年冻土（&lt; −3、−3 至 −1.5、−1.5 至 0 °C），或自定义分类表。各类别面积也写入日志。</translation>
    </message>
    <message>
      <source>No pixel has MAGT &lt; 0 °C (or every polygon is below the minimum area): the extent layer is empty.</source>
      <translation>没有年平均地温 &lt; 0 °C 的像元（或所有多边形都小于最小面积）：多年冻土范围图层为空。</translation>
    </message>
    <message>
      <source>Permafrost area: {total:.1f} km² in {n} polygon(s) ({raster:.1f} km² of MAGT &lt; 0 °C pixels); 0 °C isotherm {length:.1f} km.</source>
      <translation>多年冻土面积：{total:.1f} km²，共 {n} 个多边形（年平均地温 &lt; 0 °C 的像元面积 {raster:.1f} km²）；0 °C 等温线 {length:.1f} km。</translation>
    </message>
    <message>
      <source>{label}: only file rasters (GDAL) are supported, got a '{kind}' layer.</source>
      <translation>{label}：仅支持文件栅格（GDAL），而给出的是 '{kind}' 图层。</translation>
    </message>
    <message>
      <source>{label}: no layer given.</source>
      <translation>{label}：未给出图层。</translation>
    </message>
    <message>
      <source>{label}: the layer has no features.</source>
      <translation>{label}：图层中没有要素。</translation>
    </message>
    <message>
      <source>Cannot write to output '{name}': {error}</source>
      <translation>无法写入输出 '{name}'：{error}</translation>
    </message>
    <message>
      <source>Routes: no feature has a line geometry.</source>
      <translation>线路：没有要素具有线几何。</translation>
    </message>
    <message>
      <source>Routes and MAGT raster do not overlap: no route piece has a MAGT value (check the layers' CRS and extent).</source>
      <translation>线路与年平均地温栅格不重叠：没有任何线路分段有年平均地温值（请检查图层的坐标参考系和范围）。</translation>
    </message>
    <message>
      <source>Route feature {id} has no geometry and is skipped.</source>
      <translation>线路要素 {id} 没有几何，已跳过。</translation>
    </message>
    <message>
      <source>MAGT: {path} (band {band}); spacing {spacing:g} m; buffer {buffer:g} m each side; sampling {method}.</source>
      <translation>年平均地温：{path}（波段 {band}）；采样间距 {spacing:g} m；两侧缓冲 {buffer:g} m；采样方法：{method}。</translation>
    </message>
    <message>
      <source>{name}: {length:.2f} km, {permafrost:.2f} km on permafrost, {warm:.2f} km on warm permafrost, {nodata:.2f} km without data.</source>
      <translation>{name}：{length:.2f} km，其中多年冻土段 {permafrost:.2f} km，高温多年冻土段 {warm:.2f} km，无数据段 {nodata:.2f} km。</translation>
    </message>
    <message>
      <source>Stability scheme: 'User-defined table' chosen but the class table is empty.</source>
      <translation>热稳定性分类方案：选择了“自定义分类表”，但分类表为空。</translation>
    </message>
    <message>
      <source>Class table: {n} cells do not make rows of 4 (lower, upper, code, name).</source>
      <translation>分类表：{n} 个单元格无法组成每行 4 列（下限、上限、代码、名称）。</translation>
    </message>
    <message>
      <source>Stability classes raster: only GeoTIFF (.tif) output is supported, got {path}</source>
      <translation>热稳定性分类栅格：只支持 GeoTIFF（.tif）输出，而给出的是 {path}</translation>
    </message>
    <message>
      <source>{n} pixel(s) fall in no class of the table and are NoData.</source>
      <translation>{n} 个像元不属于分类表中的任何类别，设为无数据。</translation>
    </message>
    <message>
      <source>{code:&gt;4}  {label}: {pixels} pixels, {km2:.1f} km²</source>
      <translation>{code:&gt;4}  {label}：{pixels} 个像元，{km2:.1f} km²</translation>
    </message>
    <message>
      <source>Boreholes: give a point layer or a CSV file.</source>
      <translation>钻孔：请给出点图层或 CSV 文件。</translation>
    </message>
    <message>
      <source>Boreholes: the point layer has no features.</source>
      <translation>钻孔：点图层中没有要素。</translation>
    </message>
    <message>
      <source>name field</source>
      <translation>名称字段</translation>
    </message>
    <message>
      <source>Boreholes and model raster do not overlap: every borehole lies outside the raster (check the layers' CRS and extent).</source>
      <translation>钻孔与模型栅格不重叠：所有钻孔都位于栅格之外（请检查图层的坐标参考系和范围）。</translation>
    </message>
    <message>
      <source>depth field (using {depth:g} m)</source>
      <translation>深度字段（使用 {depth:g} m）</translation>
    </message>
    <message>
      <source>Boreholes: no observed-MAGT field '{field}'; the layer's fields are {names}.</source>
      <translation>钻孔：没有实测年平均地温字段 '{field}'；图层的字段为 {names}。</translation>
    </message>
    <message>
      <source>Model: {path}; band depths {depths} m; sampling {method}; depth tolerance {tolerance:g} m; nearest valid pixel within {max_km:g} km.</source>
      <translation>模型：{path}；波段深度 {depths} m；采样方法：{method}；深度容差 {tolerance:g} m；最近有效像元搜索距离 {max_km:g} km。</translation>
    </message>
    <message>
      <source>Borehole {ids} is listed {count} times at lon {lon:.5f}, lat {lat:.5f}, depth {depth:g} m (observed {values} °C): counted once in n and the statistics, with the mean observed value.</source>
      <translation>钻孔 {ids} 在经度 {lon:.5f}、纬度 {lat:.5f}、深度 {depth:g} m 处出现 {count} 次（实测 {values} °C）：在 n 和统计量中只计一次，取实测值的平均。</translation>
    </message>
    <message>
      <source>Boreholes: no {what} '{field}' in the layer.</source>
      <translation>钻孔：图层中没有{what} '{field}'。</translation>
    </message>
    <message>
      <source>Borehole feature {id} has no geometry and is skipped.</source>
      <translation>钻孔要素 {id} 没有几何，已跳过。</translation>
    </message>
    <message>
      <source>Borehole {id}: not compared ({status}).</source>
      <translation>钻孔 {id}：未比较（{status}）。</translation>
    </message>
    <message>
      <source>Cancelled: no output was written.</source>
      <translation>已取消：未写出任何输出。</translation>
    </message>
    <message>
      <source>Terminated (SIGTERM): no output was written.</source>
      <translation>已终止（SIGTERM）：未写出任何输出。</translation>
    </message>
    <message>
      <source>Running the column at ({x:.4f}, {y:.4f})</source>
      <translation>在 ({x:.4f}, {y:.4f}) 处运行单柱模拟</translation>
    </message>
    <message>
      <source>MAGT at 10 m: {magt:.2f} °C; mean ALT {alt:.2f} m</source>
      <translation>10 m 年平均地温：{magt:.2f} °C；平均活动层厚度 {alt:.2f} m</translation>
    </message>
    <message>
      <source>Observations: the layer or CSV cannot be opened.</source>
      <translation>实测地温：无法打开该图层或 CSV 文件。</translation>
    </message>
    <message>
      <source>prior n-factors</source>
      <translation>先验 n因子</translation>
    </message>
    <message>
      <source>calibrated</source>
      <translation>标定后</translation>
    </message>
    <message>
      <source>leave-one-site-out</source>
      <translation>留一站点交叉验证</translation>
    </message>
    <message>
      <source>RMSE {label}: {rmse:.2f} °C, bias {bias:+.2f} °C, r {r:.2f} (N = {n})</source>
      <translation>RMSE（{label}）：{rmse:.2f} °C，偏差 {bias:+.2f} °C，r {r:.2f}（N = {n}）</translation>
    </message>
    <message>
      <source>Period {first}–{last}, trend {trend:g} °C/decade around {year:g}; σ_obs {sigma:g} °C; {columns} columns simulated.</source>
      <translation>时段 {first}–{last}，气温趋势 {trend:g} °C/10a（中心年 {year:g}）；σ_obs {sigma:g} °C；共模拟 {columns} 个土柱。</translation>
    </message>
    <message>
      <source>Observations: the table has no point geometry and no field {missing}; its fields are {fields}.</source>
      <translation>实测地温：表格既没有点几何，也没有字段 {missing}；其字段为 {fields}。</translation>
    </message>
    <message>
      <source>Output depths: give numbers in metres separated by commas</source>
      <translation>输出深度：请给出以逗号分隔的数值（米）</translation>
    </message>
    <message>
      <source>Results: no pixel has a MAGT value (every pixel lacks an input).</source>
      <translation>结果：没有任何像元有年平均地温值（每个像元都缺少某项输入）。</translation>
    </message>
    <message>
      <source>Results: MAGT at 10 m from {min:.2f} to {max:.2f} °C (mean {mean:.2f} °C); permafrost (MAGT &lt; 0 °C) in {frozen} of {count} pixels ({share:.1f} %).</source>
      <translation>结果：10 m 年平均地温 {min:.2f} 至 {max:.2f} °C（平均 {mean:.2f} °C）；{count} 个像元中有 {frozen} 个为多年冻土（年平均地温 &lt; 0 °C，占 {share:.1f} %）。</translation>
    </message>
    <message>
      <source>The check pixels' MAGT error exceeds the merge tolerance even after grouping again: set Merge tolerance to 0 for an exact map.</source>
      <translation>重新分组后检验像元的 MAGT 误差仍超过合并容差：请将合并容差设为 0 以得到精确结果。</translation>
    </message>
    <message>
      <source>Active-layer thickness from {min:.2f} to {max:.2f} m (mean {mean:.2f} m) in {count} pixels.</source>
      <translation>活动层厚度 {min:.2f} 至 {max:.2f} m（平均 {mean:.2f} m），共 {count} 个像元。</translation>
    </message>
    <message>
      <source>Aligned with {method} resampling to {cols} × {rows} pixels.</source>
      <translation>已用 {method} 重采样对齐到 {cols} × {rows} 个像元。</translation>
    </message>
    <message>
      <source>{n} monthly bands: {first} … {last}</source>
      <translation>{n} 个月波段：{first} … {last}</translation>
    </message>
    <message>
      <source>Climate: give the monthly rasters or a folder holding them</source>
      <translation>气候：请给出月栅格或存放它们的文件夹</translation>
    </message>
    <message>
      <source>Stations: give either a stations CSV or a station point layer (exactly one)</source>
      <translation>气象站：请给出气象站 CSV 或气象站点图层（二者选一）</translation>
    </message>
    <message>
      <source>{n} stations ({merged} co-located merged); lapse rate (°C/km) per month: {rates}</source>
      <translation>{n} 个气象站（合并了 {merged} 个同位置气象站）；逐月气温直减率（°C/km）：{rates}</translation>
    </message>
    <message>
      <source>Leave-one-out RMSE (°C) Jan…Dec: {rmse}; annual mean: {annual:.2f}</source>
      <translation>留一交叉验证 RMSE（°C），1…12 月：{rmse}；年平均：{annual:.2f}</translation>
    </message>
    <message>
      <source>{label}: {path} is not a valid raster</source>
      <translation>{label}：{path} 不是有效的栅格</translation>
    </message>
    <message>
      <source>{label}: NoData in {missing} of {inside} region pixels ({share:.1f} %): the inputs do not cover them or hold NoData (or water) there; the model skips them.</source>
      <translation>{label}：{inside} 个区域像元中有 {missing} 个为无数据（{share:.1f} %）：输入数据未覆盖这些像元，或在此处为无数据（或水体）；模型将跳过它们。</translation>
    </message>
    <message>
      <source>Model grid: {cols} × {rows} pixels (about {dx:.2f} × {dy:.2f} km), extent {extent}, {inside} pixels inside the region.</source>
      <translation>模型格网：{cols} × {rows} 个像元（约 {dx:.2f} × {dy:.2f} km），范围 {extent}，区域内 {inside} 个像元。</translation>
    </message>
    <message>
      <source>Prepare model grid: give exactly one region (an extent, a polygon layer or an existing template raster); got {chosen}</source>
      <translation>准备模型格网：只能给出一种区域（范围、多边形图层或已有模板栅格）；实际给出：{chosen}</translation>
    </message>
    <message>
      <source>Wrote {bands} (°C).</source>
      <translation>已写出 {bands}（°C）。</translation>
    </message>
    <message>
      <source>Pixels per class: {counts}</source>
      <translation>各类别像元数：{counts}</translation>
    </message>
    <message>
      <source>Freezing n-factor from the snow raster (density {density:g} kg/m³, snow-free n-factor {n0:g}); the output's metadata give the pixels and their mean snow depth</source>
      <translation>冻结 n因子取自积雪栅格（密度 {density:g} kg/m³，无雪 n因子 {n0:g}）；输出的元数据给出相应像元数及其平均雪深</translation>
    </message>
    <message>
      <source>{n} pixels with soil properties; NoData elsewhere.</source>
      <translation>{n} 个像元具有土壤属性；其余为无数据。</translation>
    </message>
  </context>
</TS>
