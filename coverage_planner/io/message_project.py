"""The user errors of project files, configuration files, the study description and
the measurements of a calibration: key → (English, Vietnamese), merged into the
catalogue by :mod:`coverage_planner.io.message_errors` (kept apart for its length).

Each names the file (``{file}``) and says what to do; both templates of a key use the
same ``{placeholders}`` (a test checks it).
"""

from __future__ import annotations

PROJECT_ERRORS: dict[str, tuple[str, str]] = {
    # project files (project.py)
    "project.missing": (
        "The project file {file} does not exist. Choose a project saved by Coverage "
        "Planner (.cpproj.json), or open the data again.",
        "Không tìm thấy tệp dự án {file}. Hãy chọn một dự án đã lưu bằng Coverage Planner "
        "(.cpproj.json), hoặc mở lại dữ liệu.",
    ),
    "project.not_json": (
        "{file} is not a Coverage Planner project: its text breaks off or was changed at "
        "line {line}, column {column}. Open the project's data again and save a new "
        "project.",
        "{file} không phải là dự án Coverage Planner: nội dung bị cắt hoặc bị sửa ở dòng "
        "{line}, cột {column}. Hãy mở lại dữ liệu của dự án và lưu một dự án mới.",
    ),
    "project.not_project": (
        "{file} is not a Coverage Planner project file. Choose a project saved by "
        "Coverage Planner (.cpproj.json).",
        "{file} không phải là tệp dự án Coverage Planner. Hãy chọn một dự án đã lưu bằng "
        "Coverage Planner (.cpproj.json).",
    ),
    "project.no_layer_file": (
        "{file}: the project names no file for {layers}. Open the data again and save the project.",
        "{file}: dự án không ghi tệp nào cho {layers}. Hãy mở lại dữ liệu và lưu lại dự án.",
    ),
    "project.unknown_parameter": (
        "{file}: the project's parameters hold {names}, which this version does not know "
        "(it knows {known}). Save the project again with this version, or remove them "
        "from the file.",
        "{file}: tham số của dự án có {names}, phiên bản này không biết (chỉ biết {known}). "
        "Hãy lưu lại dự án bằng phiên bản này, hoặc xóa chúng khỏi tệp.",
    ),
    "project.bad_parameter": (
        "{file}: the project's parameters of {section} are incomplete or not valid. Open "
        "the data again and save the project.",
        "{file}: tham số {section} của dự án thiếu hoặc không hợp lệ. Hãy mở lại dữ liệu "
        "và lưu lại dự án.",
    ),
    "project.site_edits_not_table": (
        "{file}: site_edits is not a table of site changes. Save the project again from "
        "the app, or remove site_edits from the file.",
        "{file}: site_edits không phải là bảng các thay đổi trạm. Hãy lưu lại dự án từ "
        "chương trình, hoặc xóa site_edits khỏi tệp.",
    ),
    # configuration files (params.py)
    "error.config_is_folder": (
        "{file} is a folder; give the configuration file (.toml) itself.",
        "{file} là một thư mục; hãy chọn chính tệp cấu hình (.toml).",
    ),
    "error.config_missing": (
        "The configuration file {file} does not exist.",
        "Không tìm thấy tệp cấu hình {file}.",
    ),
    "error.config_not_toml": (
        "The configuration file {file} is not valid TOML near line {line}, column "
        '{column}. Text values need quotes (crs = "EPSG:3405"), numbers none '
        "(radius_km = 3.0).",
        "Tệp cấu hình {file} không đúng cú pháp TOML gần dòng {line}, cột {column}. Giá "
        'trị chữ cần dấu nháy (crs = "EPSG:3405"), giá trị số thì không (radius_km = 3.0).',
    ),
    "error.terrain_keys": (
        "{file}: [terrain] does not know {names}; it takes {known}.",
        "{file}: [terrain] không có khóa {names}; các khóa dùng được: {known}.",
    ),
    "error.config_value": (
        "{file}: a value of the configuration cannot be used ({value}). Check the "
        "numbers of [coverage], [broadband] and [study].",
        "{file}: một giá trị của cấu hình không dùng được ({value}). Hãy kiểm tra các số "
        "trong [coverage], [broadband] và [study].",
    ),
    # the study description (study.py)
    "study.year": (
        "[study] year must be a year such as 2025, not {value}.",
        "[study] year phải là một năm, ví dụ 2025, không phải {value}.",
    ),
    "study.year_of": (
        "{file}: [study] year must be a year such as 2025, not {value}.",
        "{file}: [study] year phải là một năm, ví dụ 2025, không phải {value}.",
    ),
    "study.unknown_key": (
        "{file}: [study] does not know {names}; it takes {known}.",
        "{file}: [study] không có khóa {names}; các khóa dùng được: {known}.",
    ),
    # the coverage run (coverage/engine.py)
    "run.terrain_needs_dem": (
        "The terrain model needs a terrain model file (DEM): give --dem (or open one in the "
        "Open data dialog), or choose the disk model.",
        "Mô hình địa hình cần tệp mô hình số độ cao (DEM): hãy cho --dem (hoặc mở tệp trong "
        "hộp thoại Mở dữ liệu), hoặc chọn mô hình đĩa.",
    ),
    # measurements of a calibration (coverage/terrain/measurements.py, calibration_batch.py)
    "measurements.missing": (
        "The measurements file {file} does not exist.",
        "Không tìm thấy tệp đo kiểm {file}.",
    ),
    "measurements.columns": (
        "{file}: a measurements file needs longitude, latitude and a level in dBm "
        "(columns such as lon, lat, RSRP / RSCP / RxLev / Mức thu).",
        "{file}: tệp đo kiểm cần kinh độ, vĩ độ và mức thu theo dBm (các cột như lon, lat, "
        "RSRP / RSCP / RxLev / Mức thu).",
    ),
    "measurements.no_technology": (
        "{file}: no technology column and the level's name does not say which technology "
        "was measured. Add a column Công nghệ (2G, 3G, 4G, 5G), or name the level RxLev "
        "(2G), RSCP (3G) or RSRP (4G).",
        "{file}: không có cột công nghệ và tên cột mức thu không cho biết công nghệ nào "
        "được đo. Hãy thêm cột Công nghệ (2G, 3G, 4G, 5G), hoặc đặt tên cột mức thu là "
        "RxLev (2G), RSCP (3G) hay RSRP (4G).",
    ),
    "measurements.no_rows": (
        "{file}: no row has a position, a technology and a level. Check that longitude, "
        "latitude and the level are numbers.",
        "{file}: không có dòng nào có đủ vị trí, công nghệ và mức thu. Hãy kiểm tra kinh "
        "độ, vĩ độ và mức thu là số.",
    ),
    "measurements.need_dem": (
        "{file}: measurements are compared with the terrain model's prediction; give a "
        "DEM (--dem) or leave out --measurements.",
        "{file}: số đo được so sánh với dự báo của mô hình địa hình; hãy cho mô hình số "
        "độ cao (--dem) hoặc bỏ --measurements.",
    ),
    "measurements.nothing_to_fit": (
        "{file}: no technology has 10 measurements within the model's reach of a site; "
        "nothing to fit. Add measurements nearer the sites, or check the file's "
        "coordinates.",
        "{file}: không công nghệ nào có 10 số đo trong tầm phủ của mô hình quanh một trạm; "
        "không có gì để hiệu chỉnh. Hãy thêm số đo gần các trạm hơn, hoặc kiểm tra tọa độ "
        "trong tệp.",
    ),
}
