package demo

import "time"

// day is 24 hours, for the timeline of the demo.
const day = 24 * time.Hour

// share is one author of an initiative and their contribution in percent.
type share struct {
	key     string
	percent float64
}

// participant is one person who took part in the trial application.
type participant struct{ name, workplace, task string }

// spec is one demo initiative: the application form and where it stands.
// Times are relative to the round's (moved) submission deadline.
type spec struct {
	title, field, unit string
	authors            []share
	status             string
	created            time.Duration // when the draft was started
	submitted          time.Duration // ignored for drafts
	endorsed           time.Duration // when the unit head endorsed it (endorsed, accepted); 0: 20 hours after submission
	firstApplied       int           // months before the deadline
	returnReason       string

	summary, currentState, solution, novelty, conditions   string
	benefits, appliedFeedback, replicability, confidential string
	benefitValue                                           float64
	participants                                           []participant
}

// specs are the 15 initiatives of the demo ward, over the 8 fields and the
// 6 units: 3 drafts, 3 submitted, 3 endorsed, 3 accepted (being scored),
// 2 returned with a reason, 1 withdrawn. Every one was submitted before its
// unit's deadline (a later submit is refused); two were endorsed by their
// unit head after it, so they are late (the unit sent them late).
var specs = []spec{
	{
		title: "Số hóa quy trình tiếp nhận hồ sơ đất đai tại bộ phận một cửa",
		field: "c", unit: "TTPVHCC", status: "accepted",
		authors: []share{{"namnh", 60}, {"yenth", 40}},
		created: -27 * day, submitted: -20*day + 9*time.Hour + 40*time.Minute, firstApplied: 5,
		summary: "Chuyển khâu tiếp nhận, kiểm tra thành phần và bàn giao hồ sơ đăng ký đất đai tại bộ phận một cửa sang môi trường điện tử; mỗi hồ sơ có mã QR để người dân và công chức theo dõi.",
		currentState: "Hồ sơ đăng ký biến động đất đai được tiếp nhận bản giấy, ghi sổ theo dõi thủ công rồi chuyển sang Phòng Kinh tế, Hạ tầng và Đô thị. " +
			"Mỗi tháng bộ phận một cửa tiếp nhận khoảng 320 hồ sơ; tra cứu tình trạng một hồ sơ mất 10–15 phút, đã có hồ sơ thất lạc trong khâu luân chuyển, người dân phải đi lại nhiều lần để bổ sung giấy tờ.",
		solution: "1. Chuẩn hóa danh mục thành phần hồ sơ của 12 thủ tục đất đai thường gặp và cấu hình trên Hệ thống thông tin giải quyết thủ tục hành chính của thành phố.\n" +
			"2. Số hóa hồ sơ ngay khi tiếp nhận (quét, ký số xác nhận bản sao), cấp phiếu hẹn có mã QR.\n" +
			"3. Luân chuyển hồ sơ điện tử cho phòng chuyên môn; bản giấy chỉ bàn giao một lần theo lô cuối ngày.\n" +
			"4. Người dân quét mã QR để tra cứu tình trạng và nhận thông báo bổ sung qua tin nhắn.",
		novelty:         "Lần đầu tại phường hồ sơ đất đai được số hóa ngay ở khâu tiếp nhận, kèm mã QR tra cứu; trước đây chỉ số hóa khi trả kết quả.",
		conditions:      "Máy quét tốc độ cao, chữ ký số cho công chức tiếp nhận, đường truyền ổn định; tập huấn 2 buổi cho công chức bộ phận một cửa.",
		benefits:        "Thời gian tiếp nhận mỗi hồ sơ giảm từ 25 phút xuống 12 phút; không còn hồ sơ thất lạc trong 4 tháng áp dụng thử; tỷ lệ hồ sơ phải bổ sung giảm từ 18% xuống 7%.",
		appliedFeedback: "Phòng Kinh tế, Hạ tầng và Đô thị xác nhận hồ sơ chuyển đến đầy đủ, đúng hạn hơn; 92% người dân được khảo sát hài lòng với việc tra cứu bằng mã QR.",
		benefitValue:    86000000,
		replicability:   "Áp dụng được cho lĩnh vực xây dựng, hộ tịch và tại các phường khác dùng chung hệ thống giải quyết thủ tục hành chính của thành phố.",
		participants: []participant{
			{"Lâm Thị Thu Trang", "Trung tâm Phục vụ hành chính công", "Tiếp nhận và số hóa hồ sơ"},
			{"Đặng Quốc Bảo", "Phòng Kinh tế, Hạ tầng và Đô thị", "Xử lý hồ sơ điện tử, phản hồi kết quả"},
		},
	},
	{
		title: "Ứng dụng Zalo OA của phường để hẹn lịch và thông báo trả kết quả thủ tục hành chính",
		field: "g", unit: "TTPVHCC", status: "accepted",
		authors: []share{{"trangltt", 100}},
		created: -24 * day, submitted: -16*day + 14*time.Hour + 5*time.Minute, firstApplied: 4,
		summary:         "Dùng tài khoản Zalo chính thức (Zalo OA) của UBND phường để người dân đặt lịch giao dịch, nhận thông báo khi có kết quả và đánh giá mức độ hài lòng.",
		currentState:    "Người dân đến bộ phận một cửa không có lịch hẹn nên giờ cao điểm sáng thứ Hai và chiều thứ Sáu phải chờ 40–60 phút; công chức mất nhiều thời gian gọi điện thoại báo trả kết quả.",
		solution:        "Thiết lập menu đặt lịch theo khung 30 phút trên Zalo OA; kết nối danh sách hồ sơ đến hạn trả để gửi tin nhắn tự động; gửi đường dẫn khảo sát mức độ hài lòng sau khi trả kết quả.",
		novelty:         "Kết hợp đặt lịch, thông báo và khảo sát trên một kênh người dân đã quen dùng, không phải cài thêm ứng dụng.",
		conditions:      "Tài khoản Zalo OA đã xác thực của UBND phường; một công chức quản trị kênh; quy chế trả lời tin nhắn trong giờ hành chính.",
		benefits:        "Thời gian chờ trung bình giảm còn khoảng 15 phút; 1.450 lượt đặt lịch trong 3 tháng; giảm khoảng 600 cuộc gọi thông báo mỗi tháng.",
		appliedFeedback: "Người dân, nhất là người đi làm, đánh giá cao việc chủ động được giờ đến; hàng chờ giờ cao điểm giảm rõ rệt.",
		benefitValue:    24000000,
		replicability:   "Nhân rộng được cho Trạm Y tế (hẹn tiêm chủng, khám sức khỏe) và Trung tâm Cung ứng dịch vụ công.",
	},
	{
		title: "Phần mềm theo dõi, đôn đốc nhiệm vụ do Chủ tịch UBND phường giao",
		field: "a", unit: "VP", status: "accepted",
		authors: []share{{"thangpd", 70}, {"phuongltm", 30}},
		created: -30 * day, submitted: -13*day + 8*time.Hour + 15*time.Minute, endorsed: 1*day + 9*time.Hour, firstApplied: 7,
		summary:         "Mỗi nhiệm vụ Chủ tịch UBND phường giao tại giao ban hoặc bằng văn bản được nhập một lần, có đơn vị chủ trì, hạn xử lý, cảnh báo khi sắp đến hạn và báo cáo tổng hợp hằng tuần.",
		currentState:    "Nhiệm vụ được theo dõi trên bảng tính của Văn phòng, cập nhật không kịp thời; cuối tháng mới tổng hợp được số nhiệm vụ quá hạn; lãnh đạo khó nắm tình hình thực hiện của từng đơn vị.",
		solution:        "Xây dựng phân hệ theo dõi nhiệm vụ trên nền tảng văn phòng điện tử dùng chung của thành phố: danh mục nhiệm vụ, phân công, cập nhật tiến độ, nhắc hạn qua thư điện tử và Zalo; báo cáo tự động gửi lãnh đạo sáng thứ Hai hằng tuần.",
		novelty:         "Lần đầu phường theo dõi nhiệm vụ được giao theo thời gian thực, có cảnh báo trước hạn 3 ngày và báo cáo tự động.",
		conditions:      "Các đơn vị cử đầu mối cập nhật tiến độ; lãnh đạo UBND phường sử dụng báo cáo trong giao ban.",
		benefits:        "Tỷ lệ nhiệm vụ hoàn thành đúng hạn tăng từ 78% lên 95% sau 6 tháng; thời gian tổng hợp báo cáo giảm từ 2 ngày xuống vài phút.",
		appliedFeedback: "Các phòng, trung tâm chủ động hơn trong xử lý nhiệm vụ; lãnh đạo nắm được nhiệm vụ tồn đọng ngay trong buổi giao ban.",
		replicability:   "Dùng được cho mọi phường, xã của thành phố vì xây dựng trên nền tảng dùng chung.",
		participants: []participant{
			{"Trần Quang Huy", "Văn phòng HĐND và UBND", "Chỉ đạo áp dụng thử, duyệt báo cáo tuần"},
		},
	},
	{
		title: "Rà soát, đề xuất bãi bỏ quy định không còn phù hợp về quản lý trật tự xây dựng trên địa bàn phường",
		field: "b", unit: "KTHTDT", status: "endorsed",
		authors: []share{{"baodq", 100}},
		created: -21 * day, submitted: -9*day + 10*time.Hour + 20*time.Minute, firstApplied: 3,
		summary:         "Rà soát 14 văn bản về quản lý trật tự xây dựng còn áp dụng trên địa bàn sau sắp xếp đơn vị hành chính; đề xuất bãi bỏ 5 quy định chồng chéo và sửa đổi 3 quy định cho phù hợp với phân cấp của chính quyền địa phương 2 cấp.",
		currentState:    "Sau hợp nhất, phường áp dụng song song văn bản của các đơn vị cũ; một số quy định về cấp phép sửa chữa, cải tạo nhà ở riêng lẻ mâu thuẫn nhau, gây lúng túng cho công chức và người dân.",
		solution:        "Lập bảng rà soát theo từng quy định (căn cứ, nội dung, mức độ phù hợp, đề xuất); lấy ý kiến các tổ dân phố và bộ phận tư pháp; trình UBND phường văn bản kiến nghị cấp có thẩm quyền bãi bỏ, sửa đổi; ban hành một bộ hướng dẫn thống nhất cho người dân.",
		novelty:         "Lần đầu có bộ rà soát đầy đủ các quy định về trật tự xây dựng áp dụng cho phường sau sắp xếp, kèm kiến nghị cụ thể cho từng quy định.",
		conditions:      "Phối hợp của bộ phận tư pháp; ý kiến của cơ quan chuyên môn cấp thành phố.",
		benefits:        "Thống nhất một bộ hướng dẫn cho người dân; dự kiến giảm 30% số hồ sơ xây dựng phải hướng dẫn bổ sung.",
		appliedFeedback: "Bộ phận một cửa đã dùng bộ hướng dẫn thống nhất từ tháng đầu áp dụng, số câu hỏi lặp lại của người dân giảm.",
		replicability:   "Phương pháp rà soát dùng được cho các lĩnh vực đất đai, môi trường, an toàn thực phẩm.",
	},
	{
		title: "Sắp xếp lại vị trí việc làm và phân công nhiệm vụ sau hợp nhất phường theo mô hình chính quyền địa phương 2 cấp",
		field: "d", unit: "VP", status: "endorsed",
		authors: []share{{"tuandm", 50}, {"anhvtl", 50}},
		created: -26 * day, submitted: -7*day + 15*time.Hour + 30*time.Minute, firstApplied: 4,
		summary:         "Xây dựng bản mô tả vị trí việc làm và ma trận phân công nhiệm vụ cho công chức sau hợp nhất, bảo đảm mỗi nhiệm vụ có một đầu mối chủ trì, không chồng chéo.",
		currentState:    "Sau hợp nhất từ 3 phường cũ, nhiều nhiệm vụ có 2–3 người cùng theo dõi, trong khi một số nhiệm vụ mới (chuyển đổi số, quản lý đô thị) chưa có người phụ trách rõ ràng.",
		solution:        "Thống kê toàn bộ nhiệm vụ theo chức năng của từng phòng, trung tâm; đối chiếu với khung vị trí việc làm; lập ma trận nhiệm vụ – người chủ trì – người phối hợp; công khai trên trang thông tin nội bộ và cập nhật khi thay đổi nhân sự.",
		novelty:         "Dùng ma trận phân công công khai làm căn cứ đánh giá công chức hằng tháng.",
		conditions:      "Sự chỉ đạo của Chủ tịch UBND phường; ý kiến thống nhất của các trưởng phòng, giám đốc trung tâm.",
		benefits:        "Loại bỏ 23 trường hợp trùng lặp nhiệm vụ; bổ sung đầu mối cho 11 nhiệm vụ mới; rút ngắn thời gian luân chuyển văn bản nội bộ.",
		appliedFeedback: "Công chức biết rõ phần việc của mình; văn bản đến được giao đúng người ngay từ lần đầu.",
		replicability:   "Áp dụng được cho các phường, xã mới hợp nhất trên địa bàn thành phố.",
	},
	{
		title: "Bảng điểm điện tử lượng hóa đánh giá, xếp loại công chức hằng tháng",
		field: "đ", unit: "VHXH", status: "endorsed",
		authors: []share{{"thaoct", 100}},
		created: -12 * day, submitted: -1*day + 10*time.Hour + 45*time.Minute, endorsed: 2*day + 8*time.Hour, firstApplied: 3,
		summary:         "Bảng điểm điện tử tự động lấy số liệu từ hệ thống quản lý văn bản và một cửa để chấm điểm công chức hằng tháng theo tiêu chí lượng hóa.",
		currentState:    "Việc đánh giá, xếp loại công chức hằng tháng chủ yếu dựa trên tự nhận xét, ít số liệu, dễ cào bằng; người làm nhiều và người làm ít có kết quả như nhau.",
		solution:        "Xây dựng bảng điểm với các tiêu chí: số nhiệm vụ hoàn thành đúng hạn, quá hạn, hồ sơ trễ hẹn, phản ánh của người dân; điểm được tính tự động, lãnh đạo phòng điều chỉnh phải ghi rõ lý do; kết quả công khai trong phòng.",
		novelty:         "Lượng hóa tiêu chí đánh giá bằng dữ liệu có sẵn trong các hệ thống, giảm đánh giá cảm tính.",
		conditions:      "Các hệ thống văn bản và một cửa cho phép xuất số liệu theo người xử lý; quy chế đánh giá được UBND phường ban hành.",
		benefits:        "Kết quả xếp loại phân hóa rõ hơn; thời gian tổng hợp đánh giá hằng tháng giảm từ 3 ngày xuống nửa ngày.",
		appliedFeedback: "Công chức đồng thuận vì tiêu chí rõ ràng, có số liệu; lãnh đạo có căn cứ khen thưởng, nhắc nhở.",
		replicability:   "Các phòng chuyên môn và đơn vị sự nghiệp đều áp dụng được.",
	},
	{
		title: "Khảo sát mức độ hài lòng của người dân bằng mã QR tại quầy một cửa",
		field: "h", unit: "TTPVHCC", status: "submitted",
		authors: []share{{"khoavd", 100}},
		created: -9 * day, submitted: -2*day + 16*time.Hour + 10*time.Minute, firstApplied: 2,
		summary:         "Đặt mã QR tại từng quầy để người dân đánh giá ngay sau giao dịch; số liệu được tổng hợp hằng tuần phục vụ Chỉ số hài lòng (SIPAS) và Chỉ số cải cách hành chính (PAR Index).",
		currentState:    "Phiếu khảo sát giấy phát ngẫu nhiên mỗi quý, tỷ lệ thu hồi thấp (khoảng 35%), số liệu chậm và không gắn với từng quầy, từng thủ tục.",
		solution:        "Thiết kế phiếu khảo sát 5 câu trên biểu mẫu trực tuyến, mã QR riêng cho từng quầy; bảng tổng hợp tự động theo quầy, thủ tục, tuần; họp rút kinh nghiệm hằng tháng với các ý kiến chưa hài lòng.",
		novelty:         "Khảo sát gắn với từng quầy và thủ tục, có số liệu theo tuần thay vì theo quý.",
		conditions:      "Mỗi quầy một bảng mã QR; một công chức tổng hợp số liệu; quy trình xử lý ý kiến chưa hài lòng.",
		benefits:        "Số phiếu thu được tăng gấp 4 lần; phát hiện và khắc phục kịp thời 9 ý kiến phản ánh về thái độ phục vụ và thời gian chờ.",
		appliedFeedback: "Người dân dễ dàng đánh giá bằng điện thoại; lãnh đạo Trung tâm có số liệu để điều chỉnh bố trí quầy.",
		replicability:   "Áp dụng cho mọi điểm tiếp dân của phường và các phường khác.",
	},
	{
		title: "Quản lý thu, chi dịch vụ sự nghiệp công bằng phần mềm kế toán kết nối Kho bạc",
		field: "e", unit: "TTCUDVC", status: "draft",
		authors: []share{{"toanlv", 70}, {"hangntt", 30}},
		created: 1*day + 9*time.Hour, firstApplied: 3,
		summary:       "Quản lý toàn bộ khoản thu dịch vụ sự nghiệp công và chi thường xuyên của Trung tâm trên phần mềm kế toán có kết nối dữ liệu với Kho bạc Nhà nước.",
		currentState:  "Chứng từ thu, chi lập thủ công trên bảng tính, đối chiếu với Kho bạc hằng tháng mất nhiều ngày công, dễ sai lệch số liệu.",
		solution:      "Triển khai phần mềm kế toán hành chính sự nghiệp, lập chứng từ điện tử, ký số và truyền sang Kho bạc; thu phí dịch vụ qua tài khoản, mã QR ngân hàng.",
		novelty:       "Lần đầu Trung tâm thu phí dịch vụ không dùng tiền mặt và đối chiếu số liệu với Kho bạc tự động.",
		conditions:    "Chữ ký số của kế toán và chủ tài khoản; tài khoản thu tại ngân hàng thương mại.",
		benefits:      "Giảm thời gian đối chiếu hằng tháng từ 4 ngày xuống 1 ngày; công khai, minh bạch các khoản thu.",
		replicability: "Áp dụng cho các đơn vị sự nghiệp công lập của phường.",
	},
	{
		title: "Bản đồ số hạ tầng đô thị và điểm úng ngập phục vụ điều hành của UBND phường",
		field: "g", unit: "KTHTDT", status: "submitted",
		authors: []share{{"namtv", 60}, {"nhunglth", 40}},
		created: -14 * day, submitted: -1*day + 14*time.Hour + 50*time.Minute, firstApplied: 2,
		summary:         "Số hóa hệ thống thoát nước, chiếu sáng, cây xanh và các điểm úng ngập trên bản đồ số dùng chung để điều hành, ứng phó khi mưa lớn.",
		currentState:    "Thông tin hạ tầng nằm rải rác trong hồ sơ giấy của các phường cũ; khi mưa lớn, việc điều phối lực lượng ứng trực dựa vào báo cáo điện thoại.",
		solution:        "Thu thập, chuẩn hóa dữ liệu hạ tầng; xây dựng lớp bản đồ trên nền bản đồ số của thành phố; tổ dân phố cập nhật điểm úng ngập bằng điện thoại kèm ảnh; lãnh đạo theo dõi trên màn hình điều hành.",
		novelty:         "Lần đầu phường có bản đồ số hạ tầng và điểm úng ngập cập nhật theo thời gian thực từ tổ dân phố.",
		conditions:      "Dữ liệu nền của thành phố; điện thoại thông minh cho tổ trưởng tổ dân phố; tập huấn cập nhật dữ liệu.",
		benefits:        "Thời gian điều phối lực lượng khi mưa lớn giảm khoảng một nửa; 27 điểm úng ngập được theo dõi, có phương án xử lý.",
		appliedFeedback: "Lực lượng ứng trực đến đúng điểm nhanh hơn; người dân được thông báo tuyến đường cần tránh.",
		replicability:   "Nhân rộng được cho quản lý trật tự đô thị, vệ sinh môi trường.",
		confidential:    "Vị trí chi tiết các công trình hạ tầng kỹ thuật ngầm chỉ cung cấp cho cơ quan có thẩm quyền.",
	},
	{
		title: "Sổ tay hướng dẫn thủ tục hộ tịch bằng hình ảnh cho người cao tuổi",
		field: "c", unit: "VP", status: "returned",
		authors: []share{{"anhhtn", 100}},
		created: -18 * day, submitted: -11*day + 9*time.Hour, firstApplied: 2,
		returnReason:  "Đề nghị bổ sung số liệu kết quả áp dụng thử (số lượt người dân đã sử dụng sổ tay) và ghi rõ ngày áp dụng lần đầu trước khi đơn vị đề xuất.",
		summary:       "Sổ tay minh họa bằng hình ảnh các bước làm thủ tục đăng ký khai sinh, khai tử, kết hôn, chứng thực, in khổ lớn dành cho người cao tuổi.",
		currentState:  "Người cao tuổi khó đọc bảng niêm yết thủ tục hành chính chữ nhỏ, thường phải hỏi lại nhiều lần, hồ sơ thiếu giấy tờ.",
		solution:      "Biên soạn sổ tay 16 trang, mỗi thủ tục một trang gồm hình ảnh giấy tờ cần mang, các bước thực hiện, thời gian trả kết quả; đặt tại bộ phận một cửa và các nhà văn hóa tổ dân phố.",
		novelty:       "Trình bày thủ tục bằng hình ảnh, chữ cỡ lớn, dành riêng cho người cao tuổi.",
		conditions:    "Kinh phí in ấn nhỏ; cập nhật khi thủ tục thay đổi.",
		benefits:      "Người cao tuổi chuẩn bị hồ sơ đầy đủ hơn, giảm số lần đi lại.",
		replicability: "Áp dụng cho các nhóm thủ tục khác và các phường khác.",
	},
	{
		title: "Quản lý hồ sơ sức khỏe điện tử người cao tuổi gắn với định danh điện tử VNeID",
		field: "g", unit: "TYT", status: "submitted",
		authors: []share{{"vietlh", 70}, {"thuytt", 30}},
		created: -6 * day, submitted: 2*day + 14*time.Hour + 20*time.Minute, firstApplied: 3,
		summary:         "Lập hồ sơ sức khỏe điện tử cho người từ 60 tuổi trở lên, tra cứu bằng số định danh cá nhân, nhắc lịch khám định kỳ và theo dõi bệnh mạn tính.",
		currentState:    "Sổ theo dõi sức khỏe người cao tuổi ghi tay, khó tra cứu; người bệnh tăng huyết áp, đái tháo đường bỏ lịch tái khám mà Trạm không biết để nhắc.",
		solution:        "Cập nhật hồ sơ sức khỏe trên hệ thống của ngành y tế, liên kết số định danh cá nhân; danh sách nhắc lịch tái khám hằng tuần; cộng tác viên y tế tổ dân phố gọi điện, đến nhà hỗ trợ người không dùng điện thoại thông minh.",
		novelty:         "Lần đầu Trạm theo dõi bệnh mạn tính của người cao tuổi bằng hồ sơ điện tử có nhắc lịch tự động.",
		conditions:      "Tài khoản hệ thống hồ sơ sức khỏe điện tử; cộng tác viên y tế tại tổ dân phố.",
		benefits:        "1.260 người cao tuổi có hồ sơ điện tử; tỷ lệ tái khám đúng hẹn của người bệnh tăng huyết áp tăng từ 54% lên 81%.",
		appliedFeedback: "Người cao tuổi và gia đình yên tâm vì được nhắc lịch; bác sĩ có đủ thông tin khi khám.",
		replicability:   "Nhân rộng cho quản lý sức khỏe trẻ em, phụ nữ mang thai.",
		confidential:    "Thông tin sức khỏe cá nhân chỉ dùng trong Trạm Y tế, không công khai.",
		participants: []participant{
			{"Nguyễn Văn Tùng", "Trạm Y tế", "Khám, cập nhật hồ sơ"},
			{"Phạm Thị Hoa", "Trạm Y tế", "Nhắc lịch tái khám"},
		},
	},
	{
		title: "Nhắc lịch tiêm chủng mở rộng qua tin nhắn Zalo cho cha mẹ trẻ",
		field: "đ", unit: "TYT", status: "draft",
		authors: []share{{"hoapt", 100}},
		created: 2*day + 10*time.Hour, firstApplied: 2,
		summary:       "Gửi tin nhắn Zalo nhắc lịch tiêm cho cha mẹ trẻ trước buổi tiêm chủng mở rộng 3 ngày, kèm hướng dẫn chuẩn bị và khung giờ đến để tránh đông.",
		currentState:  "Lịch tiêm thông báo qua loa phát thanh và giấy mời phát tay, nhiều gia đình không nhận được, tỷ lệ trẻ tiêm muộn cao, buổi tiêm bị quá tải vào đầu giờ.",
		solution:      "Lập danh sách trẻ theo độ tuổi tiêm; gửi tin nhắn từ Zalo OA của phường; chia khung giờ đến theo tổ dân phố; ghi nhận phản hồi xác nhận tham gia.",
		novelty:       "Chủ động nhắc lịch tới từng gia đình và phân khung giờ, thay cho thông báo chung.",
		conditions:    "Zalo OA của phường; danh sách số điện thoại cha mẹ trẻ được đồng ý sử dụng.",
		benefits:      "Tỷ lệ trẻ tiêm đúng lịch tăng, buổi tiêm không còn quá tải đầu giờ.",
		replicability: "Áp dụng cho các chiến dịch y tế dự phòng khác.",
	},
	{
		title: "Phát hành văn bản điện tử có chữ ký số, không in giấy để tiết kiệm chi thường xuyên",
		field: "e", unit: "VHXH", status: "withdrawn",
		authors: []share{{"phuchv", 100}},
		created: -25 * day, submitted: -19*day + 11*time.Hour, firstApplied: 6,
		summary:       "Phát hành văn bản đi hoàn toàn bằng bản điện tử có chữ ký số; chỉ in giấy khi gửi cơ quan, cá nhân chưa nhận văn bản điện tử.",
		currentState:  "Văn bản vẫn được in và đóng dấu song song với bản điện tử, tốn giấy mực và thời gian.",
		solution:      "Rà soát danh sách nơi nhận, thống nhất nhận văn bản điện tử; cấp chữ ký số cho lãnh đạo và văn thư; theo dõi chi phí văn phòng phẩm hằng tháng.",
		novelty:       "Định lượng được số tiền tiết kiệm từ việc không in văn bản song song.",
		conditions:    "Chữ ký số; hệ thống quản lý văn bản liên thông.",
		benefits:      "Giảm khoảng 60% chi phí giấy mực cho phát hành văn bản.",
		benefitValue:  15000000,
		replicability: "Áp dụng cho mọi phòng, trung tâm.",
	},
	{
		title: "Chấm điểm Chỉ số cải cách hành chính nội bộ của các đơn vị theo quý",
		field: "h", unit: "VHXH", status: "returned",
		authors: []share{{"hungtv", 60}, {"yenmt", 40}},
		created: -22 * day, submitted: -15*day + 10*time.Hour + 30*time.Minute, firstApplied: 5,
		returnReason:  "Nội dung gần trùng với cách chấm điểm cải cách hành chính đang áp dụng theo hướng dẫn của thành phố; đề nghị làm rõ điểm mới và kết quả áp dụng tại phường.",
		summary:       "Bộ tiêu chí chấm điểm cải cách hành chính nội bộ theo quý cho các phòng, trung tâm, bám sát cấu trúc PAR Index của thành phố.",
		currentState:  "Các đơn vị chỉ biết kết quả cải cách hành chính khi thành phố công bố chỉ số năm, không kịp khắc phục các tiêu chí bị trừ điểm.",
		solution:      "Chuyển các tiêu chí PAR Index thành bảng tự chấm theo quý; Phòng Văn hóa – Xã hội thẩm định, công bố kết quả và đề xuất khắc phục cho từng đơn vị.",
		novelty:       "Đơn vị được chấm điểm trước theo quý, kịp điều chỉnh trong năm.",
		conditions:    "Hướng dẫn chấm điểm của thành phố; đầu mối cải cách hành chính ở mỗi đơn vị.",
		benefits:      "Các đơn vị chủ động khắc phục tiêu chí yếu trước kỳ đánh giá năm.",
		replicability: "Áp dụng được tại các phường, xã.",
	},
	{
		title: "Tiếp nhận phản ánh hiện trường về vệ sinh môi trường, lấn chiếm vỉa hè qua ứng dụng iHanoi",
		field: "g", unit: "KTHTDT", status: "draft",
		authors: []share{{"ducdm", 100}},
		created: -17 * day, firstApplied: 1,
		summary:       "Phân loại, giao xử lý và trả lời phản ánh hiện trường của người dân trên ứng dụng iHanoi theo quy trình thống nhất, có thời hạn cho từng loại việc.",
		currentState:  "Phản ánh về rác thải, lấn chiếm vỉa hè được chuyển qua nhiều người, có phản ánh quá hạn trả lời.",
		solution:      "Quy định đầu mối tiếp nhận, bảng phân loại 8 nhóm phản ánh với đơn vị xử lý và thời hạn; nhắc hạn hằng ngày; công khai kết quả xử lý kèm ảnh.",
		novelty:       "Chuẩn hóa thời hạn xử lý theo từng nhóm phản ánh tại phường.",
		conditions:    "Tài khoản quản trị iHanoi của phường; phối hợp của lực lượng trật tự đô thị.",
		benefits:      "Dự kiến 100% phản ánh được trả lời đúng hạn.",
		replicability: "Áp dụng cho các phường trên địa bàn thành phố.",
	},
}
