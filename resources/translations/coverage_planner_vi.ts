<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
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
        <translation>&amp;Trợ giúp</translation>
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
        <source>covered</source>
        <translation>có sóng</translation>
    </message>
    <message>
        <source>not covered</source>
        <translation>chưa phủ</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>ngoài vùng phủ</translation>
    </message>
    <message>
        <source>partly covered (below the share)</source>
        <translation>phủ một phần (dưới ngưỡng)</translation>
    </message>
    <message>
        <source>{0} radius</source>
        <translation>Bán kính {0}</translation>
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
        <source>add a sector or a site towards the village (nearest {0} site: {1})</source>
        <translation>thêm búp sóng hoặc trạm hướng về thôn bản (trạm {0} gần nhất: {1})</translation>
    </message>
    <message>
        <source>new {0} site (nearest {0} site: {1})</source>
        <translation>xây trạm {0} mới (trạm {0} gần nhất: {1})</translation>
    </message>
    <message>
        <source>new {0} site in line of sight, or raise the antenna of {1}</source>
        <translation>xây trạm {0} mới nhìn thẳng tới thôn bản, hoặc nâng độ cao anten trạm {1}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>out of range</source>
        <translation>ngoài vùng phủ</translation>
    </message>
    <message>
        <source>partly covered</source>
        <translation>phủ một phần</translation>
    </message>
    <message>
        <source>terrain shadow</source>
        <translation>bị địa hình che khuất</translation>
    </message>
    <message>
        <source>upgrade a site</source>
        <translation>nâng cấp trạm</translation>
    </message>
    <message>
        <source>upgrade site {0} to {1}</source>
        <translation>nâng cấp trạm {0} lên {1}</translation>
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
</TS>
