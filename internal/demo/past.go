package demo

// pastSpec is one initiative of last year's round, decided: its form (the
// fields of spec it uses) and how the council found it, 0..1.
type pastSpec struct {
	spec
	quality float64
}

// pastSpecs are last year's four initiatives: one excellent, one good, one
// just recognised, one not recognised (its sheets vote against it). Their
// authors sit on no council, so all seven members score each of them.
var pastSpecs = []pastSpec{
	{quality: 0.93, spec: spec{
		title: "Tiếp nhận và trả kết quả hồ sơ hộ tịch trực tuyến có hẹn giờ tại bộ phận một cửa",
		field: "c", unit: "TTPVHCC", authors: []share{{"sonkv", 70}, {"ngocptb", 30}}, firstApplied: 8,
		summary:       "Người dân nộp hồ sơ đăng ký khai sinh, kết hôn, khai tử trên Cổng dịch vụ công và chọn giờ đến nhận kết quả; bộ phận một cửa chuẩn bị sẵn kết quả theo giờ hẹn.",
		currentState:  "Hồ sơ hộ tịch chủ yếu nộp trực tiếp; người dân phải đến hai lần (nộp và nhận), mỗi lần chờ 30–45 phút.",
		solution:      "Hướng dẫn người dân nộp trực tuyến qua mã QR tại tổ dân phố; cấu hình khung giờ nhận kết quả; nhắn tin báo khi kết quả sẵn sàng.",
		novelty:       "Lần đầu phường hẹn giờ trả kết quả hộ tịch theo lựa chọn của người dân.",
		benefits:      "Tỷ lệ hồ sơ hộ tịch nộp trực tuyến tăng từ 22% lên 71%; thời gian chờ nhận kết quả dưới 5 phút.",
		replicability: "Áp dụng cho các thủ tục chứng thực, đất đai và tại các phường khác.",
	}},
	{quality: 0.77, spec: spec{
		title: "Sổ tay điện tử hướng dẫn chăm sóc trẻ sau tiêm chủng cho cha mẹ",
		field: "g", unit: "TYT", authors: []share{{"hoapt", 60}, {"tungnv", 40}}, firstApplied: 6,
		summary:       "Sổ tay điện tử mở bằng mã QR trên phiếu tiêm, hướng dẫn cha mẹ theo dõi, chăm sóc trẻ sau tiêm và khi nào cần đưa trẻ đến Trạm Y tế.",
		currentState:  "Hướng dẫn sau tiêm chỉ nói miệng tại buổi tiêm; nhiều cha mẹ gọi điện hỏi lại, có trường hợp đưa trẻ đến muộn khi có phản ứng.",
		solution:      "Biên soạn nội dung cùng bác sĩ của Trạm; đăng trên trang thông tin của phường; in mã QR trên phiếu hẹn tiêm.",
		novelty:       "Hướng dẫn sau tiêm theo từng loại vắc xin, cha mẹ xem lại được bất cứ lúc nào.",
		benefits:      "Số cuộc gọi hỏi lại giảm khoảng 70%; cha mẹ nhận biết sớm các dấu hiệu cần đến Trạm.",
		replicability: "Áp dụng cho hướng dẫn chăm sóc người cao tuổi, phụ nữ mang thai.",
	}},
	{quality: 0.64, spec: spec{
		title: "Số hóa, lưu trữ hồ sơ, tài liệu của Văn phòng HĐND và UBND phường",
		field: "g", unit: "VP", authors: []share{{"anhhtn", 100}}, firstApplied: 9,
		summary:       "Số hóa hồ sơ, tài liệu lưu trữ từ năm 2015, lập mục lục điện tử để tra cứu nhanh.",
		currentState:  "Tài liệu giấy lưu trong kho, tra cứu một văn bản cũ mất nửa ngày.",
		solution:      "Phân loại, chỉnh lý, quét tài liệu theo mục lục hồ sơ; nhập dữ liệu đặc tả vào phần mềm lưu trữ của thành phố.",
		novelty:       "Tra cứu tài liệu lưu trữ của phường bằng từ khóa.",
		benefits:      "Thời gian tra cứu một văn bản còn dưới 5 phút.",
		replicability: "Áp dụng cho hồ sơ lưu trữ của các đơn vị sự nghiệp.",
	}},
	{quality: 0.38, spec: spec{
		title: "Hòm thư góp ý bằng giấy tại nhà văn hóa các tổ dân phố",
		field: "h", unit: "KTHTDT", authors: []share{{"oanhptk", 100}}, firstApplied: 5,
		summary:       "Đặt hòm thư góp ý tại nhà văn hóa 12 tổ dân phố để người dân phản ánh về hạ tầng, vệ sinh môi trường.",
		currentState:  "Người dân phản ánh qua tổ trưởng tổ dân phố, thông tin chậm đến phường.",
		solution:      "Đặt hòm thư, tổ trưởng mở hòm hằng tuần và chuyển góp ý về Phòng Kinh tế, Hạ tầng và Đô thị.",
		novelty:       "Thêm một kênh tiếp nhận góp ý tại tổ dân phố.",
		benefits:      "Tiếp nhận 46 góp ý trong 5 tháng.",
		replicability: "Có thể áp dụng tại các tổ dân phố khác.",
	}},
}
