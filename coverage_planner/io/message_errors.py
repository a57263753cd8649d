"""The user errors' sentences and the hints they carry: key → (English, Vietnamese).

Each names the file (``{file}``) and says what to do. Both templates of a key use the
same ``{placeholders}`` (a test checks it).
"""

from __future__ import annotations

from coverage_planner.io.message_project import PROJECT_ERRORS

HINTS: dict[str, tuple[str, str]] = {
    "hint.crs": (
        "Give the coordinate reference system: choose it in the Open data dialog, or add "
        "--crs on the command line, e.g. --crs EPSG:4326 (GPS longitude/latitude), "
        "--crs EPSG:3405 (VN-2000 / UTM zone 48N, Lai Châu and the north-west) or "
        "--crs EPSG:3406 (VN-2000 / UTM zone 49N); or put the .prj file next to the .shp.",
        "Hãy cho biết hệ tọa độ: chọn trong hộp thoại Mở dữ liệu, hoặc thêm --crs khi chạy "
        "lệnh, ví dụ --crs EPSG:4326 (kinh độ/vĩ độ GPS), --crs EPSG:3405 (VN-2000 / UTM múi "
        "48N, Lai Châu và Tây Bắc) hoặc --crs EPSG:3406 (VN-2000 / UTM múi 49N); hoặc đặt "
        "tệp .prj cạnh tệp .shp.",
    ),
    "hint.legacy": (
        "Vietnamese names in older files are often stored in TCVN3 (ABC), VNI or "
        "Windows-1258 instead of UTF-8. Convert the file to Unicode (coverage-planner "
        "convert-encoding, Unikey's converter, or in QGIS: Save Features As… with encoding "
        "UTF-8), or give its encoding: put a .cpg file containing e.g. 1258 next to the .shp, "
        "or choose the encoding in the Open data dialog (--encoding cp1258 on the command "
        "line).",
        "Tên tiếng Việt trong các tệp cũ thường lưu theo TCVN3 (ABC), VNI hoặc Windows-1258 "
        "thay vì UTF-8. Hãy chuyển tệp sang Unicode (lệnh coverage-planner convert-encoding, "
        "công cụ chuyển mã của Unikey, hoặc trong QGIS: Save Features As… với bảng mã "
        "UTF-8), hoặc cho biết bảng mã: đặt tệp .cpg ghi ví dụ 1258 cạnh tệp .shp, hoặc chọn "
        "bảng mã trong hộp thoại Mở dữ liệu (--encoding cp1258 khi chạy lệnh).",
    ),
    "hint.looks_lonlat": (
        "they look like longitude/latitude degrees: try EPSG:4326",
        "chúng giống kinh độ/vĩ độ: hãy thử EPSG:4326",
    ),
    "hint.looks_metres": (
        "they look like projected metres: try the file's VN-2000 zone, e.g. EPSG:3405 "
        "(UTM 48N) or EPSG:3406 (UTM 49N)",
        "chúng giống tọa độ phẳng theo mét: hãy thử múi VN-2000 của tệp, ví dụ EPSG:3405 "
        "(UTM 48N) hoặc EPSG:3406 (UTM 49N)",
    ),
}

FILE_ERRORS: dict[str, tuple[str, str]] = {
    "error.no_such_file": ("The file {file} does not exist.", "Không tìm thấy tệp {file}."),
    "error.not_a_file": ("{file} is not a file.", "{file} không phải là tệp."),
    "error.file_empty": ("{file}: the file is empty.", "{file}: tệp trống."),
    "error.table_is_folder": (
        "{file} is a folder, not a file. Choose the site list itself (CSV or Excel).",
        "{file} là một thư mục, không phải tệp. Hãy chọn chính danh sách trạm (CSV hoặc Excel).",
    ),
    "error.vector_is_folder": (
        "{file} is a folder, not a file. Choose the file itself (for a shapefile, the .shp "
        "inside the folder).",
        "{file} là một thư mục, không phải tệp. Hãy chọn chính tệp dữ liệu (với shapefile "
        "là tệp .shp trong thư mục).",
    ),
    "error.raster_is_folder": (
        "{file} is a folder, not a file. Choose the raster file itself (e.g. a .tif).",
        "{file} là một thư mục, không phải tệp. Hãy chọn chính tệp raster (ví dụ .tif).",
    ),
    "error.not_a_table": (
        "{file}: cannot be read as a table ({detail}).",
        "{file}: không đọc được thành bảng ({detail}).",
    ),
    "error.table_format": (
        "{file}: {suffix} is not a table format I read; use CSV or Excel (.xlsx).",
        "{file}: {suffix} không phải định dạng bảng đọc được; hãy dùng CSV hoặc Excel (.xlsx).",
    ),
    "error.not_a_workbook": (
        "{file}: cannot be read as an Excel workbook ({detail}).",
        "{file}: không đọc được như một sổ tính Excel ({detail}).",
    ),
    "error.workbook_no_sheet": (
        "{file}: the workbook has no sheet.",
        "{file}: sổ tính không có trang nào.",
    ),
    "error.no_such_sheet": (
        "{file}: there is no sheet {sheet}; the sheets are {sheets}.",
        "{file}: không có trang {sheet}; các trang là {sheets}.",
    ),
    "error.unknown_encoding": (
        "{file}: {encoding} is not a text encoding I know; use e.g. utf-8, cp1258, tcvn3 or vni.",
        "{file}: {encoding} không phải bảng mã đã biết; hãy dùng utf-8, cp1258, tcvn3 hoặc vni.",
    ),
    "error.not_in_encoding": (
        "{file}: cannot be read as {encoding}: {detail}.",
        "{file}: không đọc được theo bảng mã {encoding}: {detail}.",
    ),
    "error.csv_not_utf8": (
        "{file}: the file is not UTF-8 (first bad byte on line {line}), so its names cannot "
        "be read without garbling the diacritics. In Excel, save it as 'CSV UTF-8 (Comma "
        "delimited)'. {hint}",
        "{file}: tệp không ở mã UTF-8 (byte lỗi đầu tiên ở dòng {line}) nên không đọc được "
        "tên có dấu. Trong Excel, hãy lưu dạng 'CSV UTF-8 (Comma delimited)'. {hint}",
    ),
    "error.dbf_not_utf8": (
        "{file}: the attribute table (.dbf) is not UTF-8 and there is no .cpg file saying "
        "which encoding it uses, so its names cannot be read without garbling the "
        "diacritics. {hint}",
        "{file}: bảng thuộc tính (.dbf) không ở mã UTF-8 và không có tệp .cpg cho biết bảng "
        "mã, nên không đọc được tên có dấu. {hint}",
    ),
    "error.zip_no_shapefile": (
        "{file}: the zip file holds no shapefile (.shp). It holds: {names}.",
        "{file}: tệp zip không chứa shapefile (.shp) nào. Trong đó có: {names}.",
    ),
    "error.zip_several": (
        "{file}: the zip file holds several shapefiles ({names}); unzip it and open the one "
        "you want.",
        "{file}: tệp zip chứa nhiều shapefile ({names}); hãy giải nén rồi mở tệp bạn cần.",
    ),
    "error.not_a_vector": (
        "{file}: cannot be opened as a vector file ({detail}).",
        "{file}: không mở được như một tệp dữ liệu vector ({detail}).",
    ),
    "error.vector_format": (
        "{file}: {suffix} is not a vector format I read. Use GeoPackage (.gpkg), Shapefile "
        "(.shp or zipped .zip), GeoJSON, FlatGeobuf (.fgb) or KML/KMZ; site lists may also be "
        "CSV or Excel.",
        "{file}: {suffix} không phải định dạng vector đọc được. Hãy dùng GeoPackage (.gpkg), "
        "Shapefile (.shp hoặc nén .zip), GeoJSON, FlatGeobuf (.fgb) hoặc KML/KMZ; danh sách "
        "trạm cũng có thể là CSV hoặc Excel.",
    ),
    "error.no_layer": ("{file}: the file holds no layer.", "{file}: tệp không có lớp nào."),
    "error.no_such_layer": (
        "{file}: there is no layer {layer}; the layers are {layers}.",
        "{file}: không có lớp {layer}; các lớp là {layers}.",
    ),
    "error.layer_unreadable": (
        "{file}: cannot read layer {layer} ({detail}).",
        "{file}: không đọc được lớp {layer} ({detail}).",
    ),
    "error.layer_no_geometry": (
        "{file}: layer {layer} has no geometry; it is a plain table.",
        "{file}: lớp {layer} không có hình; đó chỉ là một bảng.",
    ),
    "error.non_finite_geometry": (
        "{file}: some coordinates are not finite numbers (inf or NaN); the file is damaged. "
        "Repair the geometries (e.g. in QGIS) and try again.",
        "{file}: có tọa độ không phải số hữu hạn (inf hoặc NaN); tệp bị hỏng. Hãy sửa hình "
        "học (ví dụ trong QGIS) rồi thử lại.",
    ),
    "error.vector_no_crs": (
        "{file} has no coordinate reference system (no .prj file){example}, and they are "
        "not longitude/latitude degrees, so I cannot tell where it lies. {hint}",
        "{file} không có hệ tọa độ (không có tệp .prj){example}, và tọa độ không phải kinh "
        "độ/vĩ độ, nên không biết tệp nằm ở đâu. {hint}",
    ),
    "error.unknown_crs": (
        "{file}: {value} is not a coordinate reference system I know. Use an EPSG code such "
        "as EPSG:4326, EPSG:3405 or EPSG:32648.",
        "{file}: {value} không phải hệ tọa độ đã biết. Hãy dùng mã EPSG như EPSG:4326, "
        "EPSG:3405 hoặc EPSG:32648.",
    ),
    "error.crs_does_not_fit": (
        "{file}: the coordinate reference system given for this file, {crs} ({name}), cannot "
        "hold its coordinates ({bounds}); {looks}.",
        "{file}: hệ tọa độ đã chỉ định cho tệp này, {crs} ({name}), không chứa được tọa độ "
        "của nó ({bounds}); {looks}.",
    ),
    "error.mapped_column_missing": (
        "{file}: the column {column} chosen for {role} does not exist. The file has the "
        "columns: {columns}.",
        "{file}: cột {column} đã chọn cho {role} không có trong tệp. Tệp có các cột: {columns}.",
    ),
    "error.missing_column": (
        "{file}: no column for {roles}. The file has the columns: {columns}. Rename the "
        "column or choose it in the column mapping (--map ROLE=COLUMN).",
        "{file}: không có cột cho {roles}. Tệp có các cột: {columns}. Hãy đổi tên cột hoặc "
        "chọn cột trong phần ghép cột (--map VAI_TRÒ=CỘT).",
    ),
}

LAYER_ERRORS: dict[str, tuple[str, str]] = {
    "error.not_polygons": (
        "{file}: the {layer} layer must hold polygons, but it holds {kinds}.",
        "{file}: lớp {layer} phải gồm các vùng (polygon), nhưng lại chứa {kinds}.",
    ),
    "error.layer_empty": (
        "{file}: the {layer} layer is empty (no feature).",
        "{file}: lớp {layer} trống (không có đối tượng nào).",
    ),
    "error.no_commune_left": (
        "{file}: no usable commune polygon is left after the checks.",
        "{file}: sau khi kiểm tra không còn vùng xã nào dùng được.",
    ),
    "error.backbone_polygons": (
        "{file}: the fibre backbone must be lines (routes) or points (access points); it "
        "holds polygons.",
        "{file}: lớp cáp quang phải là tuyến (đường cáp) hoặc điểm (điểm truy nhập); tệp "
        "lại chứa vùng.",
    ),
    "error.raster_damaged": (
        "{file}: cannot be read as a raster for the {layer}; the file is damaged or "
        "incomplete (a download cut short?). Download or copy it again. ({detail})",
        "{file}: không đọc được raster {layer}; tệp bị hỏng hoặc không đầy đủ (tải về bị "
        "ngắt?). Hãy tải hoặc sao chép lại. ({detail})",
    ),
    "error.raster_no_band": (
        "{file}: the raster has no band.",
        "{file}: raster không có kênh (band) nào.",
    ),
    "error.raster_no_crs": (
        "{file}: the {layer} raster has no coordinate reference system. {hint}",
        "{file}: raster {layer} không có hệ tọa độ. {hint}",
    ),
    "error.raster_no_overlap": (
        "{file}: the {layer} raster does not overlap the communes (it covers {covers} in "
        "{crs}; the communes lie at {communes}). Use the raster of this province, or check "
        "its coordinate reference system.",
        "{file}: raster {layer} không chồng lên các xã (raster phủ {covers} theo {crs}; các "
        "xã nằm ở {communes}). Hãy dùng raster của tỉnh này, hoặc kiểm tra hệ tọa độ của nó.",
    ),
    "error.dem_no_cover": (
        "{file}: the terrain model does not cover the communes.",
        "{file}: mô hình địa hình không phủ các xã.",
    ),
    "error.no_site_row": (
        "{file}: the site list has no row.",
        "{file}: danh sách trạm không có dòng nào.",
    ),
    "error.sites_format": (
        "{file}: {suffix} is not a format I read for sites; use CSV, Excel (.xlsx), "
        "GeoPackage, Shapefile, GeoJSON, FlatGeobuf or KML.",
        "{file}: {suffix} không phải định dạng danh sách trạm đọc được; hãy dùng CSV, Excel "
        "(.xlsx), GeoPackage, Shapefile, GeoJSON, FlatGeobuf hoặc KML.",
    ),
    "error.no_readable_coordinates": (
        "{file}: no row has coordinates that can be read in {xcol} and {ycol} ({examples}). "
        "Write them as decimal degrees (22.3951), or degrees, minutes and seconds "
        "(22°23'45\"), or choose the right columns (--map lon=… --map lat=…, or in the Open "
        "data dialog).",
        "{file}: không dòng nào có tọa độ đọc được trong {xcol} và {ycol} ({examples}). Hãy "
        "ghi ở dạng độ thập phân (22.3951) hoặc độ-phút-giây (22°23'45\"), hoặc chọn đúng "
        "cột tọa độ (--map lon=… --map lat=…, hoặc trong hộp thoại Mở dữ liệu).",
    ),
    "error.no_usable_coordinates": (
        "{file}: no site has usable coordinates (all are missing, unreadable or out of "
        "range); check the coordinate columns.",
        "{file}: không trạm nào có tọa độ dùng được (tất cả đều thiếu, không đọc được hoặc "
        "ngoài giới hạn); hãy kiểm tra các cột tọa độ.",
    ),
    "error.table_no_crs": (
        "{file}: the coordinates in columns {xcol} and {ycol} ({kind}) are not degrees (they "
        "run {bounds}) and the file does not say their coordinate reference system. {hint} "
        "For this file only: --crs sites=EPSG:3405.",
        "{file}: tọa độ trong các cột {xcol} và {ycol} ({kind}) không phải độ (chạy từ "
        "{bounds}) và tệp không cho biết hệ tọa độ. {hint} Chỉ cho tệp này: --crs "
        "sites=EPSG:3405.",
    ),
    "error.far_outside": (
        "{file}: {away} of {total} {what} lie far outside the communes of {communes}, so "
        "the results could not describe the province. The file was read in {crs}. Check "
        "that it is the right file and the right coordinate reference system: a GPS list is "
        "EPSG:4326 (longitude/latitude), a VN-2000 map usually EPSG:3405 (UTM 48N) or "
        "EPSG:3406 (UTM 49N); give it for this file only (--crs {layer}=EPSG:…, or in the "
        "Open data dialog). A list of the whole country must first be cut to the province.",
        "{file}: {away} trên {total} {what} nằm xa ngoài các xã của {communes}, nên kết quả "
        "không thể mô tả tỉnh. Tệp được đọc theo {crs}. Hãy kiểm tra đúng tệp và đúng hệ "
        "tọa độ: danh sách GPS là EPSG:4326 (kinh độ/vĩ độ), bản đồ VN-2000 thường là "
        "EPSG:3405 (UTM 48N) hoặc EPSG:3406 (UTM 49N); chỉ định riêng cho tệp này (--crs "
        "{layer}=EPSG:…, hoặc trong hộp thoại Mở dữ liệu). Danh sách cả nước cần được cắt "
        "theo tỉnh trước.",
    ),
    "error.sites_meet_no_commune": (
        "{file}: every village is uncovered and none of the {n} sites lies in a commune, so "
        "the sites and the communes do not meet. Check the coordinate reference system of "
        "each file (--crs sites=EPSG:4326 for a GPS list) and that the files are of the "
        "same province.",
        "{file}: mọi thôn/bản đều không được phủ sóng và không trạm nào trong {n} trạm nằm "
        "trong một xã, nên trạm và xã không khớp nhau. Hãy kiểm tra hệ tọa độ của từng tệp "
        "(--crs sites=EPSG:4326 cho danh sách GPS) và các tệp có cùng một tỉnh.",
    ),
}

RUN_ERRORS: dict[str, tuple[str, str]] = {
    "error.convert_onto_input": (
        "{file} is the input itself; write the converted copy to another file.",
        "{file} chính là tệp đầu vào; hãy ghi bản chuyển đổi ra tệp khác.",
    ),
    "error.convert_to_folder": (
        "{file} is a folder; give the name of the file to write.",
        "{file} là một thư mục; hãy cho tên tệp cần ghi.",
    ),
    "error.convert_format": (
        "{file}: {suffix} is not a format I convert; use a CSV or text file, an Excel "
        "workbook (.xlsx) or a vector file (.shp, .zip, .gpkg, …).",
        "{file}: {suffix} không phải định dạng chuyển đổi được; hãy dùng tệp CSV hoặc văn "
        "bản, sổ tính Excel (.xlsx) hoặc tệp vector (.shp, .zip, .gpkg, …).",
    ),
    "error.already_unicode": (
        "{file} is already Unicode (UTF-8) text; nothing to convert.",
        "{file} đã ở dạng Unicode (UTF-8); không cần chuyển đổi.",
    ),
    "error.encoding_not_found": (
        "{file}: its text reads as none of the Vietnamese encodings I know (TCVN3, "
        "VNI-Windows, Windows-1258); give it with --from.",
        "{file}: chữ trong tệp không khớp bảng mã tiếng Việt nào đã biết (TCVN3, "
        "VNI-Windows, Windows-1258); hãy chỉ định bằng --from.",
    ),
    "error.option_no_value": (
        "{option} {item}: give a value after '=', e.g. {option} sites=EPSG:4326.",
        "{option} {item}: cần một giá trị sau '=', ví dụ {option} sites=EPSG:4326.",
    ),
    "error.option_twice": (
        "{option} is given twice without a layer ({first} and {second}); give one default, "
        "and LAYER=VALUE for the others (e.g. {option} sites=…).",
        "{option} được cho hai lần mà không nói lớp nào ({first} và {second}); hãy cho một "
        "giá trị mặc định, và LỚP=GIÁ_TRỊ cho các lớp khác (ví dụ {option} sites=…).",
    ),
    "error.not_a_layer": (
        "{file}: [inputs.{option}] {name} is not a layer{hint}; use {layers} or default.",
        "{file}: [inputs.{option}] {name} không phải một lớp dữ liệu{hint}; hãy dùng {layers} "
        "hoặc default.",
    ),
    "error.layer_table_kind": (
        '{file}: [inputs] {option} must be a text such as "EPSG:3405", or a table of layers.',
        '{file}: [inputs] {option} phải là một chuỗi (ví dụ "EPSG:3405") hoặc một bảng theo lớp.',
    ),
    "error.option_for_absent_layer": (
        "A CRS or encoding is given for the {layer} layer, but no {layer} file is given.",
        "Có hệ tọa độ hoặc bảng mã cho lớp {layer}, nhưng không có tệp {layer}.",
    ),
    "error.unknown_key": (
        "{file}: [{section}] has an unknown key {name}{hint}; the known keys are {keys}.",
        "{file}: mục [{section}] có khóa lạ {name}{hint}; các khóa hợp lệ là {keys}.",
    ),
    "error.unknown_section": (
        "{file}: unknown section(s) {sections}{hint}; known sections are {known}.",
        "{file}: mục lạ {sections}{hint}; các mục hợp lệ là {known}.",
    ),
    "error.technology_section": (
        "{file}: [technologies] {tech} must be a section such as [technologies.{tech}] with "
        "radius_km = 3.0.",
        "{file}: [technologies] {tech} phải là một mục như [technologies.{tech}] với "
        "radius_km = 3.0.",
    ),
    "error.not_a_number": (
        "{file}: [{section}] {name} must be {kind} (e.g. {name} = 3), not {value}.",
        "{file}: [{section}] {name} phải là {kind} (ví dụ {name} = 3), không phải {value}.",
    ),
    "error.config_not_utf8": (
        "The configuration file {file} is not UTF-8 text. Open it in Notepad and save it "
        "with the encoding UTF-8.",
        "Tệp cấu hình {file} không ở mã UTF-8. Hãy mở bằng Notepad và lưu lại với bảng mã UTF-8.",
    ),
    "error.file_in_use": (
        "{file} is open in another program; close it and try again.",
        "{file} đang được mở trong chương trình khác; hãy đóng nó rồi thử lại.",
    ),
    "error.file_kept_aside": (
        "{file} is open in another program (Excel?), so it could not be replaced; it is "
        "unchanged and the new version was saved as {aside}. Close {name} and save again, "
        "or use {aside}.",
        "Tệp {file} đang được mở trong chương trình khác (Excel?) nên không thay được; tệp "
        "cũ giữ nguyên, bản mới đã lưu thành {aside}. Hãy đóng {name} rồi lưu lại, hoặc "
        "dùng {aside}.",
    ),
    "error.folder_read_only": (
        "Cannot write into the folder {folder} (permission denied). Choose another folder.",
        "Không ghi được vào thư mục {folder} (không có quyền). Hãy chọn thư mục khác.",
    ),
    "note.config_ansi": (
        "{file} is saved as ANSI (Windows-1258), not UTF-8; it was read as Windows-1258. "
        "Save it as UTF-8 to be sure of its names.",
        "{file} được lưu dạng ANSI (Windows-1258), không phải UTF-8; đã đọc theo "
        "Windows-1258. Hãy lưu lại dạng UTF-8 để chắc chắn các tên đúng.",
    ),
    "error.map_option": (
        "--map takes ROLE=COLUMN (e.g. --map lon=KinhDo), not {item}.",
        "--map cần VAI_TRÒ=CỘT (ví dụ --map lon=KinhDo), không phải {item}.",
    ),
    "error.missing_inputs": (
        "Give the input files {options} (or --demo for the bundled province).",
        "Hãy cho các tệp đầu vào {options} (hoặc --demo để dùng tỉnh mẫu kèm theo).",
    ),
    "error.no_inputs_cli": (
        "Give the input files --communes, --villages and --sites, or --demo for the bundled "
        "province, or --config with an [inputs] section.",
        "Hãy cho các tệp đầu vào --communes, --villages và --sites, hoặc --demo để dùng tỉnh "
        "mẫu kèm theo, hoặc --config với mục [inputs].",
    ),
    "error.inputs_missing_layers": (
        "{file}: [inputs] names no file for {layers}.",
        "{file}: mục [inputs] không có tệp cho {layers}.",
    ),
    "error.outputs_section": ("{file}: [outputs]: {detail}", "{file}: mục [outputs]: {detail}"),
    "error.outputs_language": (
        '{file}: [outputs] language must be "vi" or "en", not {value}.',
        '{file}: [outputs] language phải là "vi" hoặc "en", không phải {value}.',
    ),
    "error.no_inputs": (
        "No input files: give --communes, --villages and --sites, --demo, or an [inputs] "
        "section in the configuration file.",
        "Không có tệp đầu vào: hãy cho --communes, --villages và --sites, --demo, hoặc mục "
        "[inputs] trong tệp cấu hình.",
    ),
    "error.no_output_folder": (
        'No output folder: give --out, or [outputs] folder = "…" in the configuration file.',
        'Chưa có thư mục kết quả: hãy cho --out, hoặc [outputs] folder = "…" trong tệp cấu hình.',
    ),
}

PARAM_ERRORS: dict[str, tuple[str, str]] = {
    "param.model": (
        "model must be one of {models}, not {value}.",
        "model phải là một trong {models}, không phải {value}.",
    ),
    "param.environment": (
        "[terrain] environment must be rural, suburban or urban, not {value}.",
        "[terrain] environment phải là rural (nông thôn), suburban (ven đô) hoặc urban (đô "
        "thị), không phải {value}.",
    ),
    "param.resolution": (
        "[terrain] resolution_m must be positive.",
        "[terrain] resolution_m phải là số dương.",
    ),
    "param.coverage_probability": (
        "[terrain] coverage_probability must be between 0 and 1 (0.5 = the median), not {value}.",
        "[terrain] coverage_probability phải nằm giữa 0 và 1 (0.5 = trung vị), không phải {value}.",
    ),
    "param.negative_losses": (
        "[terrain] location_sigma_db and indoor_loss_db cannot be negative.",
        "[terrain] location_sigma_db và indoor_loss_db không được là số âm.",
    ),
    "param.far_factor": (
        "[terrain] far_factor must be a whole number, 1 or more.",
        "[terrain] far_factor phải là số nguyên, từ 1 trở lên.",
    ),
    "param.near_range": (
        "[terrain] near_range_km must be positive and below mid_range_km.",
        "[terrain] near_range_km phải là số dương và nhỏ hơn mid_range_km.",
    ),
    "param.village_area_share": (
        "village_area_share must be more than 0 and at most 1, not {value}.",
        "village_area_share phải lớn hơn 0 và không quá 1, không phải {value}.",
    ),
    "param.broadband_reach": (
        "broadband reach_km cannot be negative ({value}).",
        "reach_km của băng rộng không được là số âm ({value}).",
    ),
    "param.technology": (
        "Unknown technology {tech}; use one of {techs}.",
        "Công nghệ lạ {tech}; hãy dùng một trong {techs}.",
    ),
    "param.technology_section": (
        "{file}: [technologies.{tech}] is not a known technology ({techs}).",
        "{file}: [technologies.{tech}] không phải công nghệ đã biết ({techs}).",
    ),
    "param.radius": (
        "The radius of {tech} must be positive, not {value} km.",
        "Bán kính của {tech} phải là số dương, không phải {value} km.",
    ),
    "param.max_range": (
        "max_range_km of {tech} must be positive, not {value} km.",
        "max_range_km của {tech} phải là số dương, không phải {value} km.",
    ),
    # a project's site edits (gui/site_changes.py)
    "project.site_edits_missing": (
        "The project's site edits name sites that are no longer in the site file {file}: "
        "{ids}. Open the site file the project was saved with, or open the data again and "
        "redo the edits.",
        "Các chỉnh sửa trạm của dự án nhắc đến những trạm không còn trong tệp trạm {file}: "
        "{ids}. Hãy mở tệp trạm đã dùng khi lưu dự án, hoặc mở lại dữ liệu và chỉnh sửa lại.",
    ),
}

ERRORS: dict[str, tuple[str, str]] = {
    **HINTS,
    **FILE_ERRORS,
    **LAYER_ERRORS,
    **RUN_ERRORS,
    **PARAM_ERRORS,
    **PROJECT_ERRORS,
}
