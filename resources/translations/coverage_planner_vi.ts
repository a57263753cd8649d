<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>Calibrate the terrain model…</source>
        <translation>Hiệu chỉnh mô hình địa hình…</translation>
    </message>
    <message>
        <source>Edit site</source>
        <translation>Sửa trạm</translation>
    </message>
    <message>
        <source>Investment plan</source>
        <translation>Kế hoạch đầu tư</translation>
    </message>
    <message>
        <source>Link profile</source>
        <translation>Mặt cắt tuyến</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Hiển thị</translation>
    </message>
    <message>
        <source>About Coverage Planner</source>
        <translation>Giới thiệu Coverage Planner</translation>
    </message>
    <message>
        <source>Atlas of communes (PDF)…</source>
        <translation>Tập bản đồ các xã (PDF)…</translation>
    </message>
    <message>
        <source>Cancelled; the previous results are shown.</source>
        <translation>Đã hủy; đang hiển thị kết quả trước đó.</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Coverage Planner</source>
        <translation>Coverage Planner</translation>
    </message>
    <message>
        <source>Coverage Planner project (*{0})</source>
        <translation>Dự án Coverage Planner (*{0})</translation>
    </message>
    <message>
        <source>Coverage Planner: mobile coverage planning for a Vietnamese province.
Demo data are synthetic.</source>
        <translation>Coverage Planner: quy hoạch phủ sóng di động cấp tỉnh.
Dữ liệu mẫu là dữ liệu mô phỏng.</translation>
    </message>
    <message>
        <source>Excel workbook…</source>
        <translation>Bảng tính Excel…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <source>Exported: {0}</source>
        <translation>Đã xuất: {0}</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>Đang xuất {0}…</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Kết quả kiểm tra</translation>
    </message>
    <message>
        <source>Full extent</source>
        <translation>Toàn tỉnh</translation>
    </message>
    <message>
        <source>GeoPackage for QGIS…</source>
        <translation>GeoPackage cho QGIS…</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Thông tin đối tượng</translation>
    </message>
    <message>
        <source>KMZ for Google Earth…</source>
        <translation>KMZ cho Google Earth…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Các lớp</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang nạp…</translation>
    </message>
    <message>
        <source>Map (PDF, PNG, SVG)…</source>
        <translation>Bản đồ (PDF, PNG, SVG)…</translation>
    </message>
    <message>
        <source>Open data before saving a project.</source>
        <translation>Hãy mở dữ liệu trước khi lưu dự án.</translation>
    </message>
    <message>
        <source>Open data…</source>
        <translation>Mở dữ liệu…</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Mở dự án…</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Project saved: {0}</source>
        <translation>Đã lưu dự án: {0}</translation>
    </message>
    <message>
        <source>Province indicators</source>
        <translation>Chỉ tiêu của tỉnh</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Dự án gần đây</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Lưu dự án</translation>
    </message>
    <message>
        <source>Study…</source>
        <translation>Thông tin nghiên cứu…</translation>
    </message>
    <message>
        <source>Save project as…</source>
        <translation>Lưu dự án thành…</translation>
    </message>
    <message>
        <source>Something went wrong inside Coverage Planner. Your data was not changed.</source>
        <translation>Coverage Planner gặp lỗi nội bộ. Dữ liệu của bạn không bị thay đổi.</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Bảng</translation>
    </message>
    <message>
        <source>Technology: </source>
        <translation>Công nghệ: </translation>
    </message>
    <message>
        <source>Uncovered villages</source>
        <translation>Thôn bản chưa có sóng</translation>
    </message>
    <message>
        <source>Zoom to communes</source>
        <translation>Thu phóng theo xã</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Thu phóng tới đối tượng chọn</translation>
    </message>
    <message>
        <source>{0} communes, {1} villages, {2} sites.</source>
        <translation>{0} xã, {1} thôn bản, {2} trạm.</translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>Tự động lưu không thành công: {0}</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Hủy xuất</translation>
    </message>
    <message>
        <source>Cancelled: the figures and parameters shown are the previous ones.</source>
        <translation>Đã hủy: số liệu và thông số đang hiển thị là của lần tính trước.</translation>
    </message>
    <message>
        <source>Computing… the figures shown are for the previous parameters.</source>
        <translation>Đang tính… số liệu đang hiển thị là của thông số trước.</translation>
    </message>
    <message>
        <source>Coverage Planner did not close normally last time.</source>
        <translation>Lần trước Coverage Planner không được đóng bình thường.</translation>
    </message>
    <message>
        <source>Error reports are written to {0}</source>
        <translation>Báo cáo lỗi được ghi vào {0}</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Đã hủy xuất.</translation>
    </message>
    <message>
        <source>Figures up to date: {0} communes, {1} villages, {2} sites.</source>
        <translation>Số liệu đã cập nhật: {0} xã, {1} thôn bản, {2} trạm.</translation>
    </message>
    <message>
        <source>The project {0}</source>
        <translation>Dự án {0}</translation>
    </message>
    <message>
        <source>The study (not saved as a project)</source>
        <translation>Nghiên cứu (chưa lưu thành dự án)</translation>
    </message>
    <message>
        <source>{0} was saved automatically at {1}, with its unsaved changes.

Restore opens it as it was then. Discard deletes that copy.</source>
        <translation>{0} đã được tự động lưu lúc {1}, cùng các thay đổi chưa lưu.

Khôi phục sẽ mở lại đúng như lúc đó. Bỏ sẽ xóa bản lưu tự động này.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>d MMM yyyy, HH:mm</source>
        <translation>HH:mm 'ngày' d/M/yyyy</translation>
    </message>
    <message>
        <source>Save them in a project file before going on?</source>
        <translation>Lưu các thay đổi vào tệp dự án trước khi tiếp tục?</translation>
    </message>
    <message>
        <source>The figures shown are those of the last completed run.</source>
        <translation>Số liệu đang hiển thị là của lần tính hoàn tất gần nhất.</translation>
    </message>
    <message>
        <source>The project could not be written to {0}: {1}</source>
        <translation>Không ghi được dự án vào {0}: {1}</translation>
    </message>
    <message>
        <source>The study has unsaved changes.</source>
        <translation>Nghiên cứu có thay đổi chưa lưu.</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>Phiên bản {0}</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Measure distance and area</source>
        <translation>Đo khoảng cách và diện tích</translation>
    </message>
    <message>
        <source>Find a village, site or commune</source>
        <translation>Tìm thôn bản, trạm hoặc xã</translation>
    </message>
    <message>
        <source>Technology {0}</source>
        <translation>Công nghệ {0}</translation>
    </message>
</context>
<context>
    <name>MapExportDialog</name>
    <message>
        <source>Current view</source>
        <translation>Khung nhìn hiện tại</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>Xuất bản đồ</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>Phạm vi</translation>
    </message>
    <message>
        <source>File (.pdf, .png, .svg)</source>
        <translation>Tệp (.pdf, .png, .svg)</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Ngang</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Hướng giấy</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Dọc</translation>
    </message>
    <message>
        <source>Selected feature</source>
        <translation>Đối tượng đang chọn</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Tiêu đề phụ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>Whole province</source>
        <translation>Toàn tỉnh</translation>
    </message>
    <message>
        <source>automatic: province and date</source>
        <translation>tự động: tên tỉnh và ngày</translation>
    </message>
    <message>
        <source>automatic: villages with coverage and the percentage</source>
        <translation>tự động: thôn bản có sóng và tỷ lệ</translation>
    </message>
</context>
<context>
    <name>OpenDataDialog</name>
    <message>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <source>A raster: it is checked when the data is loaded.</source>
        <translation>Dữ liệu raster: được kiểm tra khi nạp dữ liệu.</translation>
    </message>
    <message>
        <source>Antenna height</source>
        <translation>Độ cao anten</translation>
    </message>
    <message>
        <source>Azimuths</source>
        <translation>Góc phương vị</translation>
    </message>
    <message>
        <source>BTS sites *</source>
        <translation>Trạm BTS *</translation>
    </message>
    <message>
        <source>Beamwidth</source>
        <translation>Độ rộng búp sóng</translation>
    </message>
    <message>
        <source>CRS where the file has none</source>
        <translation>Hệ tọa độ (nếu tệp không có)</translation>
    </message>
    <message>
        <source>Text converted to Unicode from {0}.</source>
        <translation>Chữ đã được chuyển sang Unicode từ {0}.</translation>
    </message>
    <message>
        <source>Cannot preview this file: {0}</source>
        <translation>Không xem trước được tệp này: {0}</translation>
    </message>
    <message>
        <source>Choose a file for: {0}.</source>
        <translation>Hãy chọn tệp cho: {0}.</translation>
    </message>
    <message>
        <source>Commune code</source>
        <translation>Mã xã</translation>
    </message>
    <message>
        <source>Commune name</source>
        <translation>Tên xã</translation>
    </message>
    <message>
        <source>Communes *</source>
        <translation>Xã *</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Huyện</translation>
    </message>
    <message>
        <source>Fibre backbone</source>
        <translation>Mạng cáp quang</translation>
    </message>
    <message>
        <source>First rows of {0}; check the detected columns.</source>
        <translation>Các dòng đầu của {0}; hãy kiểm tra các cột được nhận dạng.</translation>
    </message>
    <message>
        <source>Sheet read: {0}.</source>
        <translation>Trang tính được đọc: {0}.</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Vĩ độ</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Kinh độ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Chưa chọn tệp.</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>Mở dữ liệu</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Nhà mạng</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Dân số</translation>
    </message>
    <message>
        <source>Population raster</source>
        <translation>Raster dân số</translation>
    </message>
    <message>
        <source>Site code</source>
        <translation>Mã trạm</translation>
    </message>
    <message>
        <source>Technologies</source>
        <translation>Công nghệ</translation>
    </message>
    <message>
        <source>Terrain (DEM)</source>
        <translation>Địa hình (DEM)</translation>
    </message>
    <message>
        <source>Text encoding where the file does not say</source>
        <translation>Bảng mã (nếu tệp không ghi)</translation>
    </message>
    <message>
        <source>The file {0} does not exist.</source>
        <translation>Tệp {0} không tồn tại.</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>Mã thôn bản</translation>
    </message>
    <message>
        <source>Villages *</source>
        <translation>Thôn bản *</translation>
    </message>
    <message>
        <source>X (projected)</source>
        <translation>X (tọa độ phẳng)</translation>
    </message>
    <message>
        <source>Y (projected)</source>
        <translation>Y (tọa độ phẳng)</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Terrain (DEM)</source>
        <translation>Địa hình (DEM)</translation>
    </message>
    <message>
        <source>Coverage model</source>
        <translation>Mô hình vùng phủ</translation>
    </message>
    <message>
        <source>The model these figures are for (while a terrain run follows, the disk model's figures are shown)</source>
        <translation>Mô hình tính các chỉ số này (trong khi đang tính theo địa hình, chỉ số theo mô hình hình tròn được hiển thị)</translation>
    </message>
    <message>
        <source>Area with {0}</source>
        <translation>Diện tích có {0}</translation>
    </message>
    <message>
        <source>BTS sites</source>
        <translation>Trạm BTS</translation>
    </message>
    <message>
        <source>Broadband reach</source>
        <translation>Bán kính băng rộng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Communes with broadband</source>
        <translation>Xã có băng rộng</translation>
    </message>
    <message>
        <source>Communes with mobile</source>
        <translation>Xã có sóng di động</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Vùng phủ sóng</translation>
    </message>
    <message>
        <source>Disk / sector</source>
        <translation>Hình tròn / búp sóng</translation>
    </message>
    <message>
        <source>Fibre backbone</source>
        <translation>Mạng cáp quang</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Độ đậm</translation>
    </message>
    <message>
        <source>Population with {0}</source>
        <translation>Dân số có {0}</translation>
    </message>
    <message>
        <source>Share of a village's area that must be covered</source>
        <translation>Tỷ lệ diện tích thôn bản phải được phủ sóng</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <source>Terrain (needs a DEM)</source>
        <translation>Địa hình (cần DEM)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Thôn bản</translation>
    </message>
    <message>
        <source>Village covered from</source>
        <translation>Thôn bản được phủ khi đạt</translation>
    </message>
    <message>
        <source>Villages (status)</source>
        <translation>Thôn bản (trạng thái)</translation>
    </message>
    <message>
        <source>Villages with {0}</source>
        <translation>Thôn bản có {0}</translation>
    </message>
    <message>
        <source>Villages without {0}</source>
        <translation>Thôn bản chưa có {0}</translation>
    </message>
    <message>
        <source>{0} radius</source>
        <translation>Bán kính {0}</translation>
    </message>
    <message>
        <source>BTS sites in the site lists, and how many serve each technology</source>
        <translation>Số trạm BTS trong danh sách trạm, và số trạm phát từng công nghệ</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>No findings: the data passed every check.</source>
        <translation>Không có phát hiện: dữ liệu đạt mọi kiểm tra.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Share of communes where at least one village has mobile coverage (any technology)</source>
        <translation>Tỷ lệ xã có ít nhất một thôn bản có sóng di động (bất kỳ công nghệ nào)</translation>
    </message>
    <message>
        <source>Share of communes with a fibre access point or route within the broadband reach</source>
        <translation>Tỷ lệ xã có điểm truy nhập hoặc tuyến cáp quang trong phạm vi băng rộng</translation>
    </message>
    <message>
        <source>Share of the province's area inside {0} coverage</source>
        <translation>Tỷ lệ diện tích của tỉnh trong vùng phủ {0}</translation>
    </message>
    <message>
        <source>Share of the villages' population living in villages with {0}</source>
        <translation>Tỷ lệ dân số sống ở các thôn bản có {0}</translation>
    </message>
    <message>
        <source>Share of villages covered by {0}: a village counts when the set share of its area is covered (Parameters)</source>
        <translation>Tỷ lệ thôn bản có sóng {0}: một thôn bản được tính khi tỷ lệ diện tích đã đặt được phủ (Thông số)</translation>
    </message>
    <message>
        <source>Villages without {0}, listed in the Uncovered villages table</source>
        <translation>Thôn bản chưa có {0}, liệt kê trong bảng Thôn bản chưa có sóng</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>communes</source>
        <translation>xã</translation>
    </message>
    <message>
        <source>fibre backbone</source>
        <translation>cáp quang</translation>
    </message>
    <message>
        <source>population raster</source>
        <translation>lưới dân số</translation>
    </message>
    <message>
        <source>terrain model</source>
        <translation>mô hình địa hình</translation>
    </message>
    <message>
        <source>villages</source>
        <translation>thôn bản</translation>
    </message>
    <message>
        <source>{0} findings: {1} errors, {2} warnings, {3} notes</source>
        <translation>{0} phát hiện: {1} lỗi, {2} cảnh báo, {3} ghi chú</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>% area {0}</source>
        <translation>% diện tích {0}</translation>
    </message>
    <message>
        <source>% population {0}</source>
        <translation>% dân số {0}</translation>
    </message>
    <message>
        <source>% villages {0}</source>
        <translation>% thôn bản {0}</translation>
    </message>
    <message>
        <source>Broadband</source>
        <translation>Băng rộng</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Đã phủ</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Huyện</translation>
    </message>
    <message>
        <source>Fibre (km)</source>
        <translation>Cáp quang (km)</translation>
    </message>
    <message>
        <source>Filter (name, id, reason…)</source>
        <translation>Lọc (tên, mã, lý do…)</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Di động</translation>
    </message>
    <message>
        <source>Nearest site (km)</source>
        <translation>Trạm gần nhất (km)</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Dân số</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Thứ tự</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>Đề xuất</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Thôn bản</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>Mã thôn bản</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>Thôn bản</translation>
    </message>
    <message>
        <source>Villages with {0}</source>
        <translation>Thôn bản có {0}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Run a plan for {0} first, then open the scenario.</source>
        <translation>Hãy chạy kế hoạch cho {0} trước, rồi mở phương án.</translation>
    </message>
    <message>
        <source>Must be covered</source>
        <translation>Bắt buộc phủ sóng</translation>
    </message>
    <message>
        <source>commune centres</source>
        <translation>trung tâm xã</translation>
    </message>
    <message>
        <source>Every commune&apos;s centre village must be covered: the villages marked in a commune_centre column of the village layer, else the village nearest the commune&apos;s centre</source>
        <translation>Thôn bản trung tâm của mọi xã phải được phủ sóng: các thôn bản được đánh dấu trong cột trung_tam_xa của lớp thôn bản, nếu không có thì thôn bản gần trung tâm xã nhất</translation>
    </message>
    <message>
        <source>village ids, comma-separated</source>
        <translation>mã thôn bản, cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Chi phí</translation>
    </message>
    <message>
        <source>% population</source>
        <translation>% dân số</translation>
    </message>
    <message>
        <source>% villages</source>
        <translation>% thôn bản</translation>
    </message>
    <message>
        <source>Add site</source>
        <translation>Thêm trạm</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Mức</translation>
    </message>
    <message>
        <source>Antenna height (m)</source>
        <translation>Độ cao anten (m)</translation>
    </message>
    <message>
        <source>Backhaul</source>
        <translation>Truyền dẫn</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Ngân sách</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Click the other end of the link.</source>
        <translation>Nhấp vào đầu kia của tuyến.</translation>
    </message>
    <message>
        <source>Click where the site goes.</source>
        <translation>Nhấp vào vị trí mới của trạm.</translation>
    </message>
    <message>
        <source>Cost (billion VND)</source>
        <translation>Chi phí (tỷ đồng)</translation>
    </message>
    <message>
        <source>Cost and coverage</source>
        <translation>Chi phí và vùng phủ</translation>
    </message>
    <message>
        <source>Export proposal…</source>
        <translation>Xuất đề xuất…</translation>
    </message>
    <message>
        <source>Fibre per km (VND)</source>
        <translation>Cáp quang mỗi km (đồng)</translation>
    </message>
    <message>
        <source>Folder for the proposal</source>
        <translation>Thư mục lưu đề xuất</translation>
    </message>
    <message>
        <source>Keep as scenario</source>
        <translation>Lưu thành phương án</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Microwave hop (VND)</source>
        <translation>Tuyến viba (đồng)</translation>
    </message>
    <message>
        <source>Move site</source>
        <translation>Di chuyển trạm</translation>
    </message>
    <message>
        <source>New site (VND)</source>
        <translation>Trạm xây mới (đồng)</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Mục tiêu</translation>
    </message>
    <message>
        <source>Open a study first.</source>
        <translation>Hãy mở dữ liệu trước.</translation>
    </message>
    <message>
        <source>Plan {0}</source>
        <translation>Phương án {0}</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Dân số</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Mặt cắt</translation>
    </message>
    <message>
        <source>Profile: {0:.2f} km, line of sight {1}, predicted level {2:.1f} dBm</source>
        <translation>Mặt cắt: {0:.2f} km, nhìn thẳng: {1}, mức thu dự báo {2:.1f} dBm</translation>
    </message>
    <message>
        <source>Proposal written: {0} files in {1}</source>
        <translation>Đã xuất đề xuất: {0} tệp trong {1}</translation>
    </message>
    <message>
        <source>Remove site</source>
        <translation>Bỏ trạm</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Chạy</translation>
    </message>
    <message>
        <source>Run a plan first.</source>
        <translation>Hãy chạy kế hoạch trước.</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Các phương án</translation>
    </message>
    <message>
        <source>Shared tower (VND)</source>
        <translation>Dùng chung hạ tầng (đồng)</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <source>Solver</source>
        <translation>Phương pháp giải</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>Công nghệ</translation>
    </message>
    <message>
        <source>The study has no terrain model (DEM): no profile.</source>
        <translation>Dữ liệu không có mô hình địa hình (DEM): không vẽ được mặt cắt.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hiện trạng</translation>
    </message>
    <message>
        <source>Uncovered villages</source>
        <translation>Thôn bản chưa có sóng</translation>
    </message>
    <message>
        <source>Upgrade (VND)</source>
        <translation>Nâng cấp (đồng)</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>Thôn bản</translation>
    </message>
    <message>
        <source>billion VND</source>
        <translation>tỷ đồng</translation>
    </message>
    <message>
        <source>exact (integer programme)</source>
        <translation>chính xác (quy hoạch nguyên)</translation>
    </message>
    <message>
        <source>fast (greedy)</source>
        <translation>nhanh (tham lam)</translation>
    </message>
    <message>
        <source>gap {0:.2f} %</source>
        <translation>sai khác {0:.2f} %</translation>
    </message>
    <message>
        <source>least cost to reach % of villages</source>
        <translation>chi phí thấp nhất để đạt % thôn bản</translation>
    </message>
    <message>
        <source>newly covered population</source>
        <translation>dân số được phủ mới</translation>
    </message>
    <message>
        <source>newly covered villages</source>
        <translation>thôn bản được phủ mới</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>not proven optimal</source>
        <translation>chưa chứng minh tối ưu</translation>
    </message>
    <message>
        <source>number of sites</source>
        <translation>số trạm</translation>
    </message>
    <message>
        <source>proven optimal</source>
        <translation>tối ưu đã chứng minh</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>{0} sites, {1:,.2f} billion VND {2}
Villages with {3}: {4:.1f} % → {5:.1f} %
Population: {6:.1f} % → {7:.1f} %; uncovered villages {8} → {9}</source>
        <translation>{0} trạm, {1:,.2f} tỷ đồng {2}
Thôn bản có {3}: {4:.1f} % → {5:.1f} %
Dân số: {6:.1f} % → {7:.1f} %; thôn bản chưa có sóng {8} → {9}</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <source>Choose Profile in the Plan panel, then click two points on the map.</source>
        <translation>Chọn Mặt cắt trong bảng Kế hoạch, rồi nhấp hai điểm trên bản đồ.</translation>
    </message>
</context>
<context>
    <name>StudyDialog</name>
    <message>
        <source>Study</source>
        <translation>Thông tin nghiên cứu</translation>
    </message>
    <message>
        <source>Every map, atlas page and workbook carries this description.</source>
        <translation>Mọi bản đồ, trang tập bản đồ và bảng tính đều ghi thông tin này.</translation>
    </message>
    <message>
        <source>from the communes: {0}</source>
        <translation>theo các xã: {0}</translation>
    </message>
    <message>
        <source>e.g. Lai Châu</source>
        <translation>ví dụ: Lai Châu</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Tỉnh</translation>
    </message>
    <message>
        <source>e.g. Mobile coverage review 2025</source>
        <translation>ví dụ: Rà soát phủ sóng di động năm 2025</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên nghiên cứu</translation>
    </message>
    <message>
        <source>e.g. Department of Science and Technology</source>
        <translation>ví dụ: Sở Khoa học và Công nghệ</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Đơn vị thực hiện</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lưu tất cả</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Có với &amp;tất cả</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Không với tấ&amp;t cả</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Xem chi tiết...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ẩn chi tiết...</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>Tìm trong:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Tên tệp:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Loại tệp:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Thư mục cha</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Tạo thư mục mới</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Dạng danh sách</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Dạng chi tiết</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Chọn</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Tất cả các tệp (*)</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Chuyển sang dạng chi tiết</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Chuyển sang dạng danh sách</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Tạo một thư mục mới</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Lên thư mục cha</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Danh sách vị trí và dấu trang</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>Hiện </translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Hiện tệp ẩ&amp;n</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Thanh bên</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Thư mục &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Đổi &amp;tên</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Thư mục mới</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Thư mục:</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Nơi gần đây</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Không rõ</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Chọn thư mục</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 đã có.
Bạn có muốn thay thế không?</translation>
    </message>
    <message>
        <source>Are you sure you want to delete '%1'?</source>
        <translation>Bạn có chắc muốn xóa '%1'?</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Không tìm thấy tệp.
Hãy kiểm tra lại tên tệp.</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Ngày sửa</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Máy tính</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>Thư mục</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>Sao &amp;chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Tăng</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>&amp;Giảm</translation>
    </message>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>Attributes</name>
    <message>
        <source>Antenna gain (dBi)</source>
        <translation>Tăng ích anten (dBi)</translation>
    </message>
    <message>
        <source>Antenna height</source>
        <translation>Độ cao anten</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Diện tích</translation>
    </message>
    <message>
        <source>Azimuths (°)</source>
        <translation>Góc phương vị (°)</translation>
    </message>
    <message>
        <source>Beamwidth</source>
        <translation>Độ rộng búp sóng</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Commune code</source>
        <translation>Mã xã</translation>
    </message>
    <message>
        <source>Distance to fibre</source>
        <translation>Khoảng cách đến cáp quang</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Huyện</translation>
    </message>
    <message>
        <source>Feeder loss (dB)</source>
        <translation>Suy hao feeder (dB)</translation>
    </message>
    <message>
        <source>Fixed broadband</source>
        <translation>Băng rộng cố định</translation>
    </message>
    <message>
        <source>Mobile coverage</source>
        <translation>Có sóng di động</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Nhà mạng</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Dân số</translation>
    </message>
    <message>
        <source>Population of its villages</source>
        <translation>Dân số các thôn bản</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Bán kính</translation>
    </message>
    <message>
        <source>Technologies</source>
        <translation>Công nghệ</translation>
    </message>
    <message>
        <source>Transmit power (dBm)</source>
        <translation>Công suất phát (dBm)</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>Số thôn bản</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>% area with {0}</source>
        <translation>% diện tích có {0}</translation>
    </message>
    <message>
        <source>% population with {0}</source>
        <translation>% dân số có {0}</translation>
    </message>
    <message>
        <source>% villages with {0}</source>
        <translation>% thôn bản có {0}</translation>
    </message>
    <message>
        <source>Serves {0}</source>
        <translation>Phát {0}</translation>
    </message>
    <message>
        <source>Villages with {0}</source>
        <translation>Thôn bản có {0}</translation>
    </message>
    <message>
        <source>{0} covered</source>
        <translation>Có sóng {0}</translation>
    </message>
    <message>
        <source>{0}: distance to the nearest site</source>
        <translation>{0}: khoảng cách đến trạm gần nhất</translation>
    </message>
    <message>
        <source>{0}: nearest site</source>
        <translation>{0}: trạm gần nhất</translation>
    </message>
    <message>
        <source>{0}: share of the area covered</source>
        <translation>{0}: tỷ lệ diện tích được phủ</translation>
    </message>
    <message>
        <source>{0}: site hidden by terrain</source>
        <translation>{0}: trạm bị địa hình che</translation>
    </message>
    <message>
        <source>{0}: site to upgrade</source>
        <translation>{0}: trạm cần nâng cấp</translation>
    </message>
    <message>
        <source>{0}: why not covered</source>
        <translation>{0}: lý do chưa có sóng</translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>Copy report</source>
        <translation>Sao chép báo cáo lỗi</translation>
    </message>
    <message>
        <source>Coverage Planner: internal error</source>
        <translation>Coverage Planner: lỗi nội bộ</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Mở thư mục nhật ký</translation>
    </message>
    <message>
        <source>Something went wrong inside Coverage Planner. Your data was not changed and the study stays open; you can go on working and save your project.
Please send the report below to whoever supports the program.</source>
        <translation>Đã có lỗi bên trong Coverage Planner. Dữ liệu của bạn không bị thay đổi và nghiên cứu vẫn mở; bạn có thể tiếp tục làm việc và lưu dự án.
Hãy gửi báo cáo dưới đây cho người hỗ trợ chương trình.</translation>
    </message>
    <message>
        <source>The report was also written to {0}</source>
        <translation>Báo cáo cũng đã được ghi vào {0}</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Thuộc tính</translation>
    </message>
    <message>
        <source>Inner point</source>
        <translation>Điểm bên trong</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Trạm BTS</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Thôn bản</translation>
    </message>
    <message>
        <source>longitude, latitude</source>
        <translation>kinh độ, vĩ độ</translation>
    </message>
</context>
<context>
    <name>MapToolbar</name>
    <message>
        <source>Back</source>
        <translation>Lùi</translation>
    </message>
    <message>
        <source>Back to the previous view</source>
        <translation>Về khung nhìn trước</translation>
    </message>
    <message>
        <source>Drag the map with the left button</source>
        <translation>Kéo bản đồ bằng chuột trái</translation>
    </message>
    <message>
        <source>Draw a rectangle to zoom in</source>
        <translation>Vẽ hình chữ nhật để phóng to</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Tới</translation>
    </message>
    <message>
        <source>Forward to the next view</source>
        <translation>Đến khung nhìn sau</translation>
    </message>
    <message>
        <source>Full extent</source>
        <translation>Toàn tỉnh</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Di chuyển</translation>
    </message>
    <message>
        <source>Show the whole province</source>
        <translation>Hiển thị toàn tỉnh</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Phóng to</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Checking the layers</source>
        <translation>Đang kiểm tra các lớp</translation>
    </message>
    <message>
        <source>Commune figures</source>
        <translation>Số liệu các xã</translation>
    </message>
    <message>
        <source>Layers loaded</source>
        <translation>Đã đọc các lớp</translation>
    </message>
    <message>
        <source>Province figures and uncovered villages</source>
        <translation>Số liệu toàn tỉnh và thôn bản lõm sóng</translation>
    </message>
    <message>
        <source>Reading communes: {0}</source>
        <translation>Đang đọc ranh giới xã: {0}</translation>
    </message>
    <message>
        <source>Reading fibre backbone: {0}</source>
        <translation>Đang đọc cáp quang: {0}</translation>
    </message>
    <message>
        <source>Reading sites: {0}</source>
        <translation>Đang đọc trạm BTS: {0}</translation>
    </message>
    <message>
        <source>Reading villages: {0}</source>
        <translation>Đang đọc thôn bản: {0}</translation>
    </message>
    <message>
        <source>Summing population from the raster</source>
        <translation>Đang cộng dân số từ lưới dân số</translation>
    </message>
    <message>
        <source>Terrain: line of sight and path loss of every site</source>
        <translation>Địa hình: tầm nhìn thẳng và suy hao đường truyền của từng trạm</translation>
    </message>
    <message>
        <source>Terrain: reading the DEM on a {0} m grid ({1} × {2})</source>
        <translation>Địa hình: đang đọc DEM trên lưới {0} m ({1} × {2})</translation>
    </message>
    <message>
        <source>Terrain: village status</source>
        <translation>Địa hình: tình trạng thôn bản</translation>
    </message>
    <message>
        <source>Writing {0}</source>
        <translation>Đang ghi {0}</translation>
    </message>
    <message>
        <source>{0} coverage</source>
        <translation>Vùng phủ {0}</translation>
    </message>
    <message>
        <source>{0}: village status</source>
        <translation>{0}: tình trạng thôn bản</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>commune</source>
        <translation>xã</translation>
    </message>
    <message>
        <source>village</source>
        <translation>thôn bản</translation>
    </message>
    <message>
        <source>site</source>
        <translation>trạm BTS</translation>
    </message>
    <message>
        <source>Find a village, site or commune…</source>
        <translation>Tìm thôn bản, trạm hoặc xã…</translation>
    </message>
    <message>
        <source>Name or code; accents optional (“xa bon” finds “Xà Bon”)</source>
        <translation>Tên hoặc mã; có thể gõ không dấu (“xa bon” tìm được “Xà Bon”)</translation>
    </message>
</context>
<!-- desktop: MainWindow -->
<context>
    <name>MainWindow</name>
    <message>
        <source>Preparing the print preview…</source>
        <translation>Đang chuẩn bị xem trước khi in…</translation>
    </message>
    <message>
        <source>Print preview of the map…</source>
        <translation>Xem trước bản đồ khi in…</translation>
    </message>
    <message>
        <source>Print preview: the page as the map export writes it.</source>
        <translation>Xem trước khi in: trang đúng như khi xuất bản đồ.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Mọi nhà mạng</translation>
    </message>
    <message>
        <source>Operator: </source>
        <translation>Nhà mạng: </translation>
    </message>
    <message>
        <source>Show the sites of one operator only</source>
        <translation>Chỉ hiện các trạm của một nhà mạng</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Trạm</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>Thôn bản</translation>
    </message>
    <message>
        <source>about {0} s left</source>
        <translation>còn khoảng {0} giây</translation>
    </message>
    <message>
        <source>about {0} min left</source>
        <translation>còn khoảng {0} phút</translation>
    </message>
</context>
<!-- desktop: AttributeTables -->
<context>
    <name>AttributeTables</name>
    <message>
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Sao chép dòng</translation>
    </message>
    <message>
        <source>Copy the selected rows (Ctrl+C), to paste in Excel</source>
        <translation>Sao chép các dòng đã chọn (Ctrl+C) để dán vào Excel</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Xuất bảng đang xem</translation>
    </message>
    <message>
        <source>Export view…</source>
        <translation>Xuất bảng đang xem…</translation>
    </message>
    <message>
        <source>Filter (any column, accents optional)</source>
        <translation>Lọc (mọi cột, có hay không dấu đều được)</translation>
    </message>
    <message>
        <source>Write the rows in view, in their order, to a CSV or Excel file</source>
        <translation>Ghi các dòng đang hiển thị, theo thứ tự đang xem, ra tệp CSV hoặc Excel</translation>
    </message>
    <message>
        <source>{0} of {1} rows</source>
        <translation>{0} / {1} dòng</translation>
    </message>
    <message>
        <source>{0} rows</source>
        <translation>{0} dòng</translation>
    </message>
</context>
<!-- desktop: Panels -->
<context>
    <name>Panels</name>
    <message>
        <source>Hillshade</source>
        <translation>Bóng địa hình</translation>
    </message>
    <message>
        <source>The relief of the DEM under the map</source>
        <translation>Địa hình từ DEM, vẽ dưới bản đồ</translation>
    </message>
    <message>
        <source>Dashed lines from each uncovered village to the site its suggested action names</source>
        <translation>Đường nét đứt từ mỗi thôn bản chưa có sóng tới trạm mà đề xuất nêu tên</translation>
    </message>
    <message>
        <source>Hillshade (from the DEM)</source>
        <translation>Bóng địa hình (từ DEM)</translation>
    </message>
    <message>
        <source>Open data with a DEM (terrain model) to see its relief</source>
        <translation>Mở dữ liệu có DEM (mô hình địa hình) để xem địa hình</translation>
    </message>
    <message>
        <source>Suggested actions</source>
        <translation>Đề xuất hành động</translation>
    </message>
</context>
<!-- desktop: Undo -->
<context>
    <name>Undo</name>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Redo {0}</source>
        <translation>Làm lại: {0}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Undo {0}</source>
        <translation>Hoàn tác: {0}</translation>
    </message>
    <message>
        <source>parameter change</source>
        <translation>thay đổi tham số</translation>
    </message>
    <message>
        <source>site edit</source>
        <translation>sửa trạm</translation>
    </message>
</context>
<!-- desktop: MapExportDialog -->
<context>
    <name>MapExportDialog</name>
    <message>
        <source>Print preview…</source>
        <translation>Xem trước khi in…</translation>
    </message>
</context>
<!-- desktop: PrintPreview -->
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print preview of the map</source>
        <translation>Xem trước bản đồ khi in</translation>
    </message>
</context>
<!-- desktop: QPrintPreviewDialog -->
<context>
    <name>QPrintPreviewDialog</name>
    <message>
        <source>Page Setup</source>
        <translation>Thiết lập trang</translation>
    </message>
    <message>
        <source>Print Preview</source>
        <translation>Xem trước khi in</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Trang đầu</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Trang cuối</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Dọc</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Ngang</translation>
    </message>
    <message>
        <source>Show single page</source>
        <translation>Hiện từng trang</translation>
    </message>
    <message>
        <source>Show facing pages</source>
        <translation>Hiện hai trang</translation>
    </message>
    <message>
        <source>Show overview of all pages</source>
        <translation>Hiện tất cả các trang</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Page setup</source>
        <translation>Thiết lập trang</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>Xuất ra PDF</translation>
    </message>
</context>
<!-- desktop: QPageSetupWidget -->
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Millimeters (mm)</source>
        <translation>Milimét (mm)</translation>
    </message>
    <message>
        <source>Inches (in)</source>
        <translation>Inch (in)</translation>
    </message>
    <message>
        <source>Points (pt)</source>
        <translation>Điểm (pt)</translation>
    </message>
    <message>
        <source>Centimeters (cm)</source>
        <translation>Xentimét (cm)</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Giấy</translation>
    </message>
    <message>
        <source>Page size:</source>
        <translation>Khổ giấy:</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Rộng:</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Cao:</translation>
    </message>
    <message>
        <source>Paper source:</source>
        <translation>Nguồn giấy:</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Hướng giấy</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Dọc</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Ngang</translation>
    </message>
    <message>
        <source>Reverse landscape</source>
        <translation>Ngang ngược</translation>
    </message>
    <message>
        <source>Reverse portrait</source>
        <translation>Dọc ngược</translation>
    </message>
    <message>
        <source>Margins</source>
        <translation>Lề</translation>
    </message>
    <message>
        <source>top margin</source>
        <translation>lề trên</translation>
    </message>
    <message>
        <source>left margin</source>
        <translation>lề trái</translation>
    </message>
    <message>
        <source>right margin</source>
        <translation>lề phải</translation>
    </message>
    <message>
        <source>bottom margin</source>
        <translation>lề dưới</translation>
    </message>
    <message>
        <source>Page Layout</source>
        <translation>Bố cục trang</translation>
    </message>
    <message>
        <source>Pages per sheet:</source>
        <translation>Số trang mỗi tờ:</translation>
    </message>
    <message>
        <source>Page order:</source>
        <translation>Thứ tự trang:</translation>
    </message>
    <message>
        <source>Left to Right, Top to Bottom</source>
        <translation>Trái sang phải, trên xuống dưới</translation>
    </message>
    <message>
        <source>Left to Right, Bottom to Top</source>
        <translation>Trái sang phải, dưới lên trên</translation>
    </message>
    <message>
        <source>Right to Left, Top to Bottom</source>
        <translation>Phải sang trái, trên xuống dưới</translation>
    </message>
    <message>
        <source>Right to Left, Bottom to Top</source>
        <translation>Phải sang trái, dưới lên trên</translation>
    </message>
    <message>
        <source>Bottom to Top, Left to Right</source>
        <translation>Dưới lên trên, trái sang phải</translation>
    </message>
    <message>
        <source>Bottom to Top, Right to Left</source>
        <translation>Dưới lên trên, phải sang trái</translation>
    </message>
    <message>
        <source>Top to Bottom, Left to Right</source>
        <translation>Trên xuống dưới, trái sang phải</translation>
    </message>
    <message>
        <source>Top to Bottom, Right to Left</source>
        <translation>Trên xuống dưới, phải sang trái</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Tùy chỉnh</translation>
    </message>
</context>
<!-- desktop: QPrintWidget -->
<context>
    <name>QPrintWidget</name>
    <message>
        <source>Printer</source>
        <translation>Máy in</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>&amp;Thuộc tính</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Vị trí:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Loại:</translation>
    </message>
    <message>
        <source>Output &amp;file:</source>
        <translation>Tệp &amp;kết quả:</translation>
    </message>
</context>
<!-- desktop: QPrintDialog -->
<context>
    <name>QPrintDialog</name>
    <message>
        <source>Left to Right, Top to Bottom</source>
        <translation>Trái sang phải, trên xuống dưới</translation>
    </message>
    <message>
        <source>Left to Right, Bottom to Top</source>
        <translation>Trái sang phải, dưới lên trên</translation>
    </message>
    <message>
        <source>Right to Left, Top to Bottom</source>
        <translation>Phải sang trái, trên xuống dưới</translation>
    </message>
    <message>
        <source>Right to Left, Bottom to Top</source>
        <translation>Phải sang trái, dưới lên trên</translation>
    </message>
    <message>
        <source>Bottom to Top, Left to Right</source>
        <translation>Dưới lên trên, trái sang phải</translation>
    </message>
    <message>
        <source>Bottom to Top, Right to Left</source>
        <translation>Dưới lên trên, phải sang trái</translation>
    </message>
    <message>
        <source>Top to Bottom, Left to Right</source>
        <translation>Trên xuống dưới, trái sang phải</translation>
    </message>
    <message>
        <source>Top to Bottom, Right to Left</source>
        <translation>Trên xuống dưới, phải sang trái</translation>
    </message>
    <message>
        <source>All Pages</source>
        <translation>Mọi trang</translation>
    </message>
    <message>
        <source>Odd Pages</source>
        <translation>Trang lẻ</translation>
    </message>
    <message>
        <source>Even Pages</source>
        <translation>Trang chẵn</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;In</translation>
    </message>
    <message>
        <source>&amp;Options &gt;&gt;</source>
        <translation>Tùy &amp;chọn &gt;&gt;</translation>
    </message>
    <message>
        <source>&amp;Options &lt;&lt;</source>
        <translation>Tùy &amp;chọn &lt;&lt;</translation>
    </message>
    <message>
        <source>Print to File (PDF)</source>
        <translation>In ra tệp (PDF)</translation>
    </message>
    <message>
        <source>Local file</source>
        <translation>Tệp trên máy</translation>
    </message>
    <message>
        <source>Write PDF file</source>
        <translation>Ghi tệp PDF</translation>
    </message>
    <message>
        <source>Print To File ...</source>
        <translation>In ra tệp…</translation>
    </message>
    <message>
        <source>Print range</source>
        <translation>Phạm vi in</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>In tất cả</translation>
    </message>
    <message>
        <source>Pages from</source>
        <translation>Các trang từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <source>Collate</source>
        <translation>Xếp theo bộ</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>Đảo ngược</translation>
    </message>
</context>
<!-- desktop: QPrintSettingsOutput -->
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Double Sided Printing</source>
        <translation>In hai mặt</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Tắt</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Lật theo cạnh dài</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Lật theo cạnh ngắn</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Ghi các trang hoặc khoảng trang, cách nhau bằng dấu phẩy; một khoảng là hai số nối bằng dấu gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.</translation>
    </message>
    <message>
        <source>All Pages</source>
        <translation>Mọi trang</translation>
    </message>
    <message>
        <source>Odd Pages</source>
        <translation>Trang lẻ</translation>
    </message>
    <message>
        <source>Even Pages</source>
        <translation>Trang chẵn</translation>
    </message>
    <message>
        <source>Output Settings</source>
        <translation>Thiết lập in</translation>
    </message>
    <message>
        <source>Page Set:</source>
        <translation>Tập trang:</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Mẫu</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <source>Print range</source>
        <translation>Phạm vi in</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>In tất cả</translation>
    </message>
    <message>
        <source>Pages from</source>
        <translation>Các trang từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Current Page</source>
        <translation>Trang hiện tại</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Vùng chọn</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Các trang</translation>
    </message>
    <message>
        <source>Copies:</source>
        <translation>Số bản:</translation>
    </message>
    <message>
        <source>Collate</source>
        <translation>Xếp theo bộ</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>Đảo ngược</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <source>Color Mode</source>
        <translation>Chế độ màu</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Thang xám</translation>
    </message>
    <message>
        <source>Duplex Printing</source>
        <translation>In hai mặt</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Long side</source>
        <translation>Cạnh dài</translation>
    </message>
    <message>
        <source>Short side</source>
        <translation>Cạnh ngắn</translation>
    </message>
    <message>
        <source>Page Set</source>
        <translation>Trang</translation>
    </message>
</context>
<context>
    <name>Measure</name>
    <message>
        <source>Measure: click points on the map; right-click starts again.</source>
        <translation>Đo: bấm các điểm trên bản đồ; bấm chuột phải để đo lại.</translation>
    </message>
    <message>
        <source>Distance: {0}</source>
        <translation>Khoảng cách: {0}</translation>
    </message>
    <message>
        <source>Area: {0} km²</source>
        <translation>Diện tích: {0} km²</translation>
    </message>
</context>
<context>
    <name>TerrainRun</name>
    <message>
        <source>{0} s</source>
        <translation>{0} giây</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} phút {1} giây</translation>
    </message>
    <message>
        <source>{0} h {1:02d} min</source>
        <translation>{0} giờ {1:02d} phút</translation>
    </message>
    <message>
        <source>Terrain: {0} of {1} sites</source>
        <translation>Địa hình: {0} / {1} trạm</translation>
    </message>
    <message>
        <source>Terrain: {0} of {1} sites, about {2} left</source>
        <translation>Địa hình: {0} / {1} trạm, còn khoảng {2}</translation>
    </message>
</context>
<context>
    <name>SiteEditor</name>
    <message>
        <source>technology default</source>
        <translation>mặc định của công nghệ</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Kinh độ</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Vĩ độ</translation>
    </message>
    <message>
        <source>Antenna height</source>
        <translation>Độ cao anten</translation>
    </message>
    <message>
        <source>Transmit power</source>
        <translation>Công suất phát</translation>
    </message>
    <message>
        <source>Azimuths (°)</source>
        <translation>Góc phương vị (°)</translation>
    </message>
    <message>
        <source>One azimuth per sector, separated by /: 0/120/240</source>
        <translation>Mỗi sector một góc phương vị, cách nhau bằng /: 0/120/240</translation>
    </message>
    <message>
        <source>Downtilt</source>
        <translation>Góc nghiêng (tilt)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Add as new site</source>
        <translation>Thêm thành trạm mới</translation>
    </message>
    <message>
        <source>Remove site</source>
        <translation>Xóa trạm</translation>
    </message>
    <message>
        <source>Only the edited site is computed again. Site edits are saved with the project (the site file itself is not changed) and can be undone (Ctrl+Z).</source>
        <translation>Chỉ trạm được sửa được tính lại. Các thay đổi trạm được lưu cùng dự án (tệp trạm không bị sửa) và có thể hoàn tác (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Select a site on the map or in a table to edit it.</source>
        <translation>Chọn một trạm trên bản đồ hoặc trong bảng để sửa.</translation>
    </message>
    <message>
        <source>Site {0}</source>
        <translation>Trạm {0}</translation>
    </message>
</context>
<context>
    <name>CalibrateDialog</name>
    <message>
        <source>Calibrate the terrain model</source>
        <translation>Hiệu chỉnh mô hình địa hình</translation>
    </message>
    <message>
        <source>Measurements (CSV or Excel: lon, lat, RSRP/RSCP/RxLev)</source>
        <translation>Số liệu đo (CSV hoặc Excel: kinh độ, vĩ độ, RSRP/RSCP/RxLev)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Hiệu chỉnh</translation>
    </message>
    <message>
        <source>Apply to the parameters</source>
        <translation>Áp dụng vào tham số</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Số liệu đo</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.xls)</source>
        <translation>Bảng (*.csv *.xlsx *.xls)</translation>
    </message>
    <message>
        <source>{0}: {1} points, {2} held out — mean error {3} → {4} dB, RMSE {5} → {6} dB (K1 {7}, K2 {8})</source>
        <translation>{0}: {1} điểm, {2} điểm giữ lại để kiểm tra — sai số trung bình {3} → {4} dB, RMSE {5} → {6} dB (K1 {7}, K2 {8})</translation>
    </message>
    <message>
        <source>Before calibration</source>
        <translation>Trước hiệu chỉnh</translation>
    </message>
    <message>
        <source>After calibration</source>
        <translation>Sau hiệu chỉnh</translation>
    </message>
    <message>
        <source>measured (dBm)</source>
        <translation>đo được (dBm)</translation>
    </message>
    <message>
        <source>predicted (dBm)</source>
        <translation>dự báo (dBm)</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Scroll Left</source>
        <translation>Cuộn sang trái</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>Cuộn sang phải</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesDialog</name>
    <message>
        <source>Printer Properties</source>
        <translation>Thuộc tính máy in</translation>
    </message>
    <message>
        <source>Job Options</source>
        <translation>Tùy chọn lệnh in</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesWidget</name>
    <message>
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Nâng cao</translation>
    </message>
    <message>
        <source>There are conflicts in some options. Please fix them.</source>
        <translation>Một số tùy chọn xung khắc với nhau. Hãy chọn lại.</translation>
    </message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message>
        <source>Banner Pages</source>
        <translation>Trang bìa lệnh in</translation>
    </message>
    <message>
        <source>Billing information:</source>
        <translation>Thông tin tính phí:</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Không mật</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Bảo mật</translation>
    </message>
    <message>
        <source>Classified</source>
        <translation>Hạn chế</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Mật</translation>
    </message>
    <message>
        <source>Top Secret</source>
        <translation>Tối mật</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Tiêu chuẩn</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không có</translation>
    </message>
    <message>
        <source>Day (06:00 to 17:59)</source>
        <translation>Ban ngày (06:00 đến 17:59)</translation>
    </message>
    <message>
        <source>Night (18:00 to 05:59)</source>
        <translation>Ban đêm (18:00 đến 05:59)</translation>
    </message>
    <message>
        <source>Second Shift (16:00 to 23:59)</source>
        <translation>Ca hai (16:00 đến 23:59)</translation>
    </message>
    <message>
        <source>Third Shift (00:00 to 07:59)</source>
        <translation>Ca ba (00:00 đến 07:59)</translation>
    </message>
    <message>
        <source>Weekend (Saturday to Sunday)</source>
        <translation>Cuối tuần (thứ Bảy đến Chủ nhật)</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Trang đầu:</translation>
    </message>
    <message>
        <source>End:</source>
        <translation>Trang cuối:</translation>
    </message>
    <message>
        <source>Hold Indefinitely</source>
        <translation>Giữ lại, chưa in</translation>
    </message>
    <message>
        <source>Print Immediately</source>
        <translation>In ngay</translation>
    </message>
    <message>
        <source>Specific Time</source>
        <translation>Vào giờ định sẵn</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Lệnh in</translation>
    </message>
    <message>
        <source>Job Control</source>
        <translation>Điều khiển lệnh in</translation>
    </message>
    <message>
        <source>Job priority:</source>
        <translation>Độ ưu tiên:</translation>
    </message>
    <message>
        <source>Scheduled printing:</source>
        <translation>Hẹn giờ in:</translation>
    </message>
</context>
</TS>
