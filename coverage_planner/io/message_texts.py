"""The findings' sentences and their repairs: key → (English, Vietnamese).

Both templates of a key use the same ``{placeholders}`` (a test checks it). Write the
Vietnamese with its diacritics, in the planner's words (xã, thôn bản, trạm, hệ tọa độ).
"""

from __future__ import annotations

FINDINGS: dict[str, tuple[str, str]] = {
    # --- geometry checks (io/geometry.py) ---
    "geometry.no_geometry": (
        "{n} feature(s) have no geometry: {ids}",
        "{n} đối tượng không có hình: {ids}",
    ),
    "geometry.not_polygons": (
        "{n} feature(s) are not polygons: {ids}",
        "{n} đối tượng không phải vùng: {ids}",
    ),
    "geometry.invalid": (
        "{n} invalid polygon(s) ({ids}); first reason: {reason}",
        "{n} vùng không hợp lệ ({ids}); lỗi đầu tiên: {reason}",
    ),
    # --- layers brought together (io/inputs.py) ---
    "inputs.other_crs": (
        "in {crs}, not in the communes' {base}",
        "theo hệ tọa độ {crs}, khác hệ {base} của lớp xã",
    ),
    "village.across_communes": (
        "village {village} lies across communes; {share} of it is in {commune}",
        "thôn bản {village} nằm trên nhiều xã; {share} diện tích thuộc xã {commune}",
    ),
    "village.in_no_commune": (
        "village {village} lies in no commune",
        "thôn bản {village} không nằm trong xã nào",
    ),
    "site.outside_communes": (
        "site {site} lies outside every commune of the province",
        "trạm {site} nằm ngoài mọi xã của tỉnh",
    ),
    # --- commune, village, backbone layers (io/layers.py) ---
    "layer.no_id_column": ("{file} has no id column", "{file} không có cột mã"),
    "layer.empty_ids": (
        "{n} feature(s) have an empty {column}: rows {rows}",
        "{n} đối tượng để trống cột {column}: dòng {rows}",
    ),
    "layer.population_words": (
        "{n} population value(s) in {column} are not numbers",
        "{n} giá trị dân số trong cột {column} không phải là số",
    ),
    "layer.population_negative": (
        "{n} negative population value(s) in {column}",
        "{n} giá trị dân số âm trong cột {column}",
    ),
    "communes.repeated_ids": (
        "commune ids repeated: {ids}",
        "mã xã bị trùng: {ids}",
    ),
    "villages.points_among_polygons": (
        "{n} village(s) are points among polygons",
        "{n} thôn bản là điểm giữa các vùng",
    ),
    "villages.shared_ids": (
        "{n} villages share an id ({ids})",
        "{n} thôn bản trùng mã ({ids})",
    ),
    "backbone.other_geometry": (
        "{n} feature(s) are neither lines nor points",
        "{n} đối tượng không phải tuyến hay điểm",
    ),
    # --- rasters (io/rasters.py) ---
    "raster.partial_cover": (
        "{file} covers only {share} of the communes' extent",
        "{file} chỉ phủ {share} phạm vi của các xã",
    ),
    "raster.dem_holes": (
        "{file} has no height (nodata) on about {share} of the communes' extent",
        "{file} không có độ cao (nodata) trên khoảng {share} phạm vi của các xã",
    ),
    # --- site lists (io/sites.py, io/site_values.py) ---
    "sites.not_points": ("{n} site(s) are not points", "{n} trạm không phải điểm"),
    "sites.coordinate_format": (
        "{n} row(s) give coordinates with {what} (rows {rows})",
        "{n} dòng ghi tọa độ bằng {what} (dòng {rows})",
    ),
    "sites.out_of_range": (
        "{n} row(s) have coordinates out of range (longitude beyond ±180° or latitude "
        "beyond ±90°: {examples})",
        "{n} dòng có tọa độ ngoài giới hạn (kinh độ vượt ±180° hoặc vĩ độ vượt ±90°: {examples})",
    ),
    "sites.unreadable": (
        "{n} row(s) have missing or unreadable coordinates ({examples})",
        "{n} dòng thiếu hoặc không đọc được tọa độ ({examples})",
    ),
    "sites.default_crs_unfit": (
        "{file}: the default CRS {crs} does not fit its coordinates ({bounds})",
        "{file}: hệ tọa độ mặc định {crs} không khớp với tọa độ của tệp ({bounds})",
    ),
    "sites.xy_swapped": (
        "X and Y are swapped in {what}: X holds the northing and Y the easting (the VN-2000 "
        "survey habit), so the points fall outside the communes, and inside once swapped",
        "X và Y bị đảo ở {what}: X ghi tọa độ bắc và Y ghi tọa độ đông (thói quen đo đạc "
        "VN-2000), nên các điểm nằm ngoài các xã, đảo lại thì nằm trong",
    ),
    "sites.latlon_swapped": (
        "latitude and longitude are swapped in {what}: the points fall outside the "
        "communes, and inside once swapped",
        "vĩ độ và kinh độ bị đảo ở {what}: các điểm nằm ngoài các xã, đảo lại thì nằm trong",
    ),
    "sites.no_technology": (
        "{n} site(s) have no technology in {column}: {ids}",
        "{n} trạm không có công nghệ trong cột {column}: {ids}",
    ),
    "sites.technology_words": (
        "technology words not understood in {column}: {words} ({n} site(s))",
        "không hiểu công nghệ ghi trong cột {column}: {words} ({n} trạm)",
    ),
    "sites.azimuth_words": (
        "{n} azimuth value(s) are not angles in degrees (rows {rows})",
        "{n} giá trị góc phương vị không phải góc tính bằng độ (dòng {rows})",
    ),
    "sites.value_words": (
        "{n} value(s) of {column} are not numbers: {examples}",
        "{n} giá trị của cột {column} không phải là số: {examples}",
    ),
    "sites.value_range": (
        "{n} value(s) of {column} are outside {low}–{high} {unit} ({usual}?): {examples}",
        "{n} giá trị của cột {column} nằm ngoài khoảng {low}–{high} {unit} ({usual}?): {examples}",
    ),
    "sites.merged_rows": (
        "{n} site code(s) appear on several rows at one place (a row per sector or band): {ids}",
        "{n} mã trạm xuất hiện trên nhiều dòng tại cùng một vị trí (mỗi dòng một búp sóng "
        "hoặc băng tần): {ids}",
    ),
    "sites.listed_twice": (
        "{n} site(s) are listed twice, identically: {ids}",
        "{n} trạm được ghi hai lần giống hệt nhau: {ids}",
    ),
    "sites.code_reused": (
        "{n} site code(s) are used by sites at different places (more than {metres} m "
        "apart): {ids}",
        "{n} mã trạm được dùng cho các trạm ở những nơi khác nhau (cách nhau hơn {metres} m): "
        "{ids}",
    ),
    # --- tables and encodings (io/table.py, io/encoding.py, io/vector.py) ---
    "encoding.legacy_font": (
        "{file}: the text of {columns} was typed with a {fonts} font (legacy Vietnamese encoding)",
        "{file}: chữ trong {columns} được gõ bằng phông {fonts} (bảng mã tiếng Việt cũ)",
    ),
    "table.legacy_guess": (
        "{file} is not UTF-8; its text reads as Vietnamese in {encoding}",
        "{file} không ở mã UTF-8; chữ trong tệp đọc được thành tiếng Việt theo bảng mã {encoding}",
    ),
    "table.other_sheets": (
        "{file}: the sheets {sheets} have other columns than {first}",
        "{file}: các trang {sheets} có các cột khác với trang {first}",
    ),
    "table.one_sheet": (
        "{file} has {n} sheets; read {sheet}",
        "{file} có {n} trang tính; đã đọc trang {sheet}",
    ),
    "table.same_sheets": (
        "{file}: {n} sheets with the same columns ({sheets})",
        "{file}: {n} trang tính có cùng các cột ({sheets})",
    ),
    "vector.several_layers": (
        "{file} has {n} layers ({layers}); read {layer}. Choose another layer if needed.",
        "{file} có {n} lớp ({layers}); đã đọc lớp {layer}. Hãy chọn lớp khác nếu cần.",
    ),
    "vector.escaped_unicode": (
        "{file}: the columns {columns} held escaped Unicode text such as \\u00e0",
        "{file}: các cột {columns} chứa chữ Unicode viết dạng mã thoát như \\u00e0",
    ),
    "vector.utf8_format": (
        "{file}: text in this format is always UTF-8, so the encoding {encoding} was not used",
        "{file}: chữ trong định dạng này luôn là UTF-8, nên bảng mã {encoding} không được dùng",
    ),
    "vector.dbf_guess": (
        "{file}: the attribute table is not UTF-8 and has no .cpg; its text reads as "
        "Vietnamese in {encoding}",
        "{file}: bảng thuộc tính không ở mã UTF-8 và không có tệp .cpg; chữ trong đó đọc "
        "được thành tiếng Việt theo bảng mã {encoding}",
    ),
    "vector.default_crs_unfit": (
        "{file}: the default CRS {crs} does not fit its coordinates",
        "{file}: hệ tọa độ mặc định {crs} không khớp với tọa độ của tệp",
    ),
    "vector.own_crs": (
        "{file} declares its own CRS ({crs}); the CRS given by the user was not needed",
        "{file} tự khai báo hệ tọa độ ({crs}); hệ tọa độ người dùng chỉ định là không cần",
    ),
    "vector.no_crs_lonlat": (
        "{file} has no coordinate reference system",
        "{file} không có hệ tọa độ",
    ),
    # --- repairs: what was done about a finding ---
    "repair.dropped": ("dropped", "đã bỏ"),
    "repair.make_valid": ("repaired with make_valid", "đã sửa bằng make_valid"),
    "repair.reprojected": ("reprojected to {target}", "đã chuyển sang {target}"),
    "repair.largest_overlap": (
        "assigned to {commune} (largest overlap)",
        "gán vào xã {commune} (phần chồng lớn nhất)",
    ),
    "repair.nearest_commune": (
        "assigned to the nearest commune, {commune}",
        "gán vào xã gần nhất, {commune}",
    ),
    "repair.kept_border": (
        "kept: it can still cover villages near the border",
        "giữ lại: trạm vẫn có thể phủ thôn bản gần ranh giới",
    ),
    "repair.numbered_features": (
        "features numbered {prefix}0001, {prefix}0002, …",
        "đánh số đối tượng {prefix}0001, {prefix}0002, …",
    ),
    "repair.numbered_rows": ("numbered {prefix}row<N>", "đánh số {prefix}row<N>"),
    "repair.left_empty": ("left empty", "để trống"),
    "repair.commune_parts": (
        "each part kept as its own commune, numbered id#2, id#3",
        "mỗi phần giữ thành một xã riêng, đánh số mã#2, mã#3",
    ),
    "repair.points_kept": (
        "kept as points: covered when their point is",
        "giữ là điểm: có sóng khi điểm đó có sóng",
    ),
    "repair.numbered_ids": ("numbered id#2, id#3", "đánh số mã#2, mã#3"),
    "repair.outside_filled": (
        "places outside it have no value (terrain: the lowest height; population: none)",
        "nơi nằm ngoài không có giá trị (địa hình: độ cao thấp nhất; dân số: không có)",
    ),
    "repair.holes_filled": (
        "holes filled with the lowest height of the area, so they never block a signal; "
        "fill them (e.g. QGIS Fill nodata) for a faithful terrain model",
        "các lỗ được lấp bằng độ cao thấp nhất của vùng, nên không bao giờ chặn sóng; hãy "
        "lấp chúng (ví dụ QGIS Fill nodata) để có mô hình địa hình đúng",
    ),
    "repair.point_inside": (
        "placed at a point inside their shape",
        "đặt tại một điểm bên trong hình",
    ),
    "repair.decimal_degrees": ("read as decimal degrees", "đọc thành độ thập phân"),
    "repair.left_out": (
        "left out of the map and the coverage",
        "không đưa vào bản đồ và vùng phủ",
    ),
    "repair.not_used_for_file": ("not used for this file", "không dùng cho tệp này"),
    "repair.swapped_back": ("swapped back", "đã đảo lại"),
    "repair.map_only": (
        "kept on the map, left out of the coverage",
        "giữ trên bản đồ, không tính vùng phủ",
    ),
    "repair.technology_ignored": (
        "ignored; use 2G/3G/4G/5G, GSM, UMTS/WCDMA, LTE or NR",
        "bỏ qua; hãy ghi 2G/3G/4G/5G, GSM, UMTS/WCDMA, LTE hoặc NR",
    ),
    "repair.omnidirectional": ("treated as omnidirectional", "coi là anten vô hướng"),
    "repair.default_for_words": (
        "left empty: the default is used",
        "để trống: dùng giá trị mặc định",
    ),
    "repair.default_for_range": (
        "not used: the default is used",
        "không dùng: dùng giá trị mặc định",
    ),
    "repair.merged_site": (
        "merged into one site, technologies and azimuths combined",
        "gộp thành một trạm, gộp công nghệ và góc phương vị",
    ),
    "repair.duplicates_dropped": ("duplicates dropped", "đã bỏ các bản trùng"),
    "repair.codes_renamed": (
        "kept, renamed code#2, code#3",
        "giữ lại, đổi tên thành mã#2, mã#3",
    ),
    "repair.unicode": ("converted to Unicode", "đã chuyển sang Unicode"),
    "repair.converted_from": (
        "converted from {encoding} to Unicode (give the encoding if it is another)",
        "đã chuyển từ {encoding} sang Unicode (hãy chỉ định bảng mã nếu là bảng mã khác)",
    ),
    "repair.converted_from_dbf": (
        "converted from {encoding} to Unicode (check the names; give the encoding in the "
        "Open data dialog or with --encoding if it is another)",
        "đã chuyển từ {encoding} sang Unicode (hãy kiểm tra các tên; nếu là bảng mã khác, "
        "hãy chọn trong hộp thoại Mở dữ liệu hoặc dùng --encoding)",
    ),
    "repair.sheets_not_read": (
        "not read; open them as a layer of their own, or give them the same columns",
        "không đọc; hãy mở chúng thành một lớp riêng, hoặc cho chúng cùng các cột",
    ),
    "repair.sheets_read": (
        "all read, {rows} rows together",
        "đã đọc tất cả, tổng cộng {rows} dòng",
    ),
    "repair.escapes_decoded": (
        "decoded to the letters they stand for",
        "đã giải mã thành chữ",
    ),
    "repair.assumed_wgs84": (
        "its coordinates are longitude/latitude degrees, so WGS 84 (EPSG:4326) was assumed",
        "tọa độ là kinh độ/vĩ độ tính bằng độ, nên coi là WGS 84 (EPSG:4326)",
    ),
    # --- the coverage engine and the terrain model (coverage/engine.py, terrain/validity.py) ---
    "engine.no_population_column": (
        "the villages have no population column",
        "lớp thôn bản không có cột dân số",
    ),
    "repair.population_from_raster": (
        "population summed from {file}",
        "dân số cộng từ {file}",
    ),
    "terrain.clutter_unknown": (
        "{n} cells of the land-cover raster are of classes the loss table does not know",
        "{n} ô của lưới lớp phủ mặt đất thuộc các lớp mà bảng suy hao không có",
    ),
    "repair.clutter_unknown": (
        "no clutter loss there; add them to [terrain.clutter]",
        "không tính suy hao lớp phủ ở đó; hãy thêm các lớp này vào [terrain.clutter]",
    ),
    "terrain.hata_frequency": (
        "{tech} at {mhz} MHz: Hata / COST-231 extrapolated beyond {low}-{high} MHz for its "
        "{n} sites",
        "{tech} ở {mhz} MHz: công thức Hata / COST-231 được ngoại suy ra ngoài dải "
        "{low}-{high} MHz cho {n} trạm",
    ),
    "repair.calibrate": (
        "calibrate the model on measurements (coverage-planner calibrate)",
        "hãy hiệu chỉnh mô hình theo số liệu đo kiểm (coverage-planner calibrate)",
    ),
    "terrain.hata_heights": (
        "{tech}: {n} of {total} sites have antennas outside {low}-{high} m above ground "
        "(Hata's range); their effective height over the terrain is used, extrapolated",
        "{tech}: {n}/{total} trạm có anten ngoài khoảng {low}-{high} m so với mặt đất "
        "(phạm vi của Hata); dùng độ cao hiệu dụng so với địa hình, có ngoại suy",
    ),
    "terrain.heff_capped": (
        "{tech}: {n} of {total} sites stand more than {cap} m above the lowest ground "
        "within {km} km; where their effective height over the terrain exceeds {cap} m "
        "(the top of Hata's range) the model takes it as {cap} m",
        "{tech}: {n}/{total} trạm cao hơn điểm thấp nhất của địa hình trong bán kính "
        "{km} km quá {cap} m; nơi độ cao hiệu dụng so với địa hình vượt {cap} m (giới hạn "
        "trên của Hata), mô hình lấy bằng {cap} m",
    ),
    "terrain.cells_near": (
        "{tech}: {n} covered cells ({pct} %) lie under {km} km of their best server (the "
        "free-space floor applies), outside the distances the path-loss law was fitted on",
        "{tech}: {n} ô có sóng ({pct} %) cách trạm phục vụ tốt nhất dưới {km} km (áp dụng "
        "mức suy hao không gian tự do), ngoài khoảng cách mà công thức suy hao được xây dựng",
    ),
    "terrain.cells_far": (
        "{tech}: {n} covered cells ({pct} %) lie beyond {km} km of their best server, "
        "outside the distances the path-loss law was fitted on",
        "{tech}: {n} ô có sóng ({pct} %) cách trạm phục vụ tốt nhất quá {km} km, ngoài "
        "khoảng cách mà công thức suy hao được xây dựng",
    ),
}
