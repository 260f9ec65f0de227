package demo

// person is one ward account of the demo. key is the local part of the
// e-mail (given name + initials, the ward's usual convention).
type person struct {
	key, name, unit, position, qualification string
	roles                                    []string
}

// Domain is the e-mail domain of the demo accounts (a reserved test domain,
// so no mail ever leaves for a real person).
const Domain = "hoankiem.test"

// Password is the password of every demo account, printed by the command.
const Password = "demo12345"

// staffRoles are the roles of a civil servant without other duties.
var staffRoles = []string{"staff"}

// people are the ward's 40 accounts: the chairman, the vice-chairman who
// chairs the council, a head for each of the six units, two secretariat
// officers in the Culture–Society Office and the units' staff.
var people = []person{
	// Văn phòng HĐND và UBND
	{"luongct", "Chu Thanh Lương", "VP", "Chủ tịch UBND phường", "Thạc sĩ Quản lý công", []string{"chairman"}},
	{"hantt", "Nguyễn Thị Thu Hà", "VP", "Phó Chủ tịch UBND phường", "Thạc sĩ Kinh tế", []string{"staff", "council"}},
	{"huytq", "Trần Quang Huy", "VP", "Chánh Văn phòng", "Thạc sĩ Luật", []string{"staff", "unit_head", "council"}},
	{"phuongltm", "Lê Thị Minh Phương", "VP", "Phó Chánh Văn phòng", "Cử nhân Hành chính học", staffRoles},
	{"thangpd", "Phạm Đức Thắng", "VP", "Chuyên viên", "Kỹ sư Công nghệ thông tin", staffRoles},
	{"anhvtl", "Vũ Thị Lan Anh", "VP", "Chuyên viên", "Cử nhân Luật", staffRoles},
	{"tuandm", "Đỗ Minh Tuấn", "VP", "Chuyên viên", "Cử nhân Quản lý nhà nước", staffRoles},
	{"anhhtn", "Hoàng Thị Ngọc Ánh", "VP", "Chuyên viên lưu trữ", "Cử nhân Lưu trữ học", staffRoles},

	// Phòng Kinh tế, Hạ tầng và Đô thị
	{"khainv", "Ngô Văn Khải", "KTHTDT", "Trưởng phòng", "Thạc sĩ Quy hoạch đô thị", []string{"staff", "unit_head", "council"}},
	{"tambtt", "Bùi Thị Thanh Tâm", "KTHTDT", "Phó Trưởng phòng", "Cử nhân Kinh tế", staffRoles},
	{"baodq", "Đặng Quốc Bảo", "KTHTDT", "Chuyên viên", "Cử nhân Luật", staffRoles},
	{"namtv", "Trịnh Văn Nam", "KTHTDT", "Chuyên viên", "Kỹ sư Xây dựng", staffRoles},
	{"nhunglth", "Lý Thị Hồng Nhung", "KTHTDT", "Chuyên viên", "Kỹ sư Trắc địa – Bản đồ", staffRoles},
	{"ducdm", "Dương Minh Đức", "KTHTDT", "Chuyên viên", "Kỹ sư Môi trường", staffRoles},
	{"oanhptk", "Phan Thị Kim Oanh", "KTHTDT", "Chuyên viên", "Cử nhân Quản lý đất đai", staffRoles},

	// Phòng Văn hóa – Xã hội (the secretariat)
	{"gianglth", "Đinh Thị Hương Giang", "VHXH", "Trưởng phòng", "Thạc sĩ Văn hóa học", []string{"staff", "unit_head", "council"}},
	{"hungtv", "Tạ Văn Hùng", "VHXH", "Phó Trưởng phòng", "Cử nhân Công tác xã hội", staffRoles},
	{"loanntm", "Nguyễn Thị Mai Loan", "VHXH", "Chuyên viên", "Cử nhân Quản lý nhà nước", []string{"staff", "secretariat", "council"}},
	{"longlh", "Lương Hoàng Long", "VHXH", "Chuyên viên", "Cử nhân Hành chính học", []string{"staff", "secretariat"}},
	{"thaoct", "Cao Thị Thảo", "VHXH", "Chuyên viên", "Cử nhân Quản trị nhân lực", staffRoles},
	{"phuchv", "Hà Văn Phúc", "VHXH", "Chuyên viên", "Cử nhân Kế toán", staffRoles},
	{"yenmt", "Mai Thị Yến", "VHXH", "Chuyên viên", "Cử nhân Xã hội học", staffRoles},

	// Trung tâm Phục vụ hành chính công
	{"yenth", "Trương Thị Hải Yến", "TTPVHCC", "Giám đốc", "Thạc sĩ Quản lý công", []string{"staff", "unit_head", "council"}},
	{"sonkv", "Kiều Văn Sơn", "TTPVHCC", "Phó Giám đốc", "Cử nhân Luật", staffRoles},
	{"namnh", "Nguyễn Hoàng Nam", "TTPVHCC", "Chuyên viên", "Kỹ sư Công nghệ thông tin", staffRoles},
	{"trangltt", "Lâm Thị Thu Trang", "TTPVHCC", "Chuyên viên", "Cử nhân Hệ thống thông tin", staffRoles},
	{"khoavd", "Vương Đình Khoa", "TTPVHCC", "Chuyên viên", "Cử nhân Thống kê", staffRoles},
	{"ngocptb", "Phùng Thị Bích Ngọc", "TTPVHCC", "Chuyên viên", "Cử nhân Luật", staffRoles},
	{"quantm", "Triệu Minh Quân", "TTPVHCC", "Chuyên viên", "Cử nhân Quản lý đất đai", staffRoles},

	// Trung tâm Cung ứng dịch vụ công
	{"thinhhv", "Hồ Văn Thịnh", "TTCUDVC", "Giám đốc", "Thạc sĩ Quản trị kinh doanh", []string{"staff", "unit_head", "council"}},
	{"hangntt", "Nghiêm Thị Thu Hằng", "TTCUDVC", "Phó Giám đốc", "Cử nhân Tài chính – Ngân hàng", staffRoles},
	{"toanlv", "Lưu Văn Toàn", "TTCUDVC", "Kế toán viên", "Cử nhân Kế toán", staffRoles},
	{"nganqt", "Quách Thị Ngân", "TTCUDVC", "Viên chức", "Cử nhân Quản lý văn hóa", staffRoles},
	{"hieutm", "Tô Minh Hiếu", "TTCUDVC", "Viên chức", "Kỹ sư Môi trường", staffRoles},

	// Trạm Y tế
	{"hanhdt", "Đoàn Thị Hạnh", "TYT", "Trạm trưởng", "Bác sĩ chuyên khoa I", []string{"staff", "unit_head"}},
	{"tungnv", "Nguyễn Văn Tùng", "TYT", "Phó Trạm trưởng", "Bác sĩ đa khoa", staffRoles},
	{"thuytt", "Trần Thị Thúy", "TYT", "Y sĩ", "Y sĩ đa khoa", staffRoles},
	{"vietlh", "Lê Hoàng Việt", "TYT", "Bác sĩ", "Bác sĩ Y học dự phòng", staffRoles},
	{"hoapt", "Phạm Thị Hoa", "TYT", "Điều dưỡng", "Cử nhân Điều dưỡng", staffRoles},
	{"binhvt", "Võ Thanh Bình", "TYT", "Dược sĩ", "Dược sĩ đại học", staffRoles},
}

// seat is one place on the evaluation council.
type seat struct{ key, position string }

// councilSeats are the council's seven voting members: the vice-chairman
// of the People's Committee chairs it, the Culture–Society Office supplies
// the vice-chair and the secretary, the other units' heads are members.
var councilSeats = []seat{
	{"hantt", "chair"},
	{"gianglth", "vice_chair"},
	{"loanntm", "secretary"},
	{"huytq", "member"},
	{"khainv", "member"},
	{"yenth", "member"},
	{"thinhhv", "member"},
}

// logins are the accounts printed to try each role, in the order shown:
// a staff member with a draft and a recognised initiative last year, her
// unit's head with a submission to endorse, a secretariat officer, the
// council's chair with a sheet to finish, the chairman.
var logins = []struct{ role, key string }{
	{"staff", "hoapt"},
	{"unit_head", "hanhdt"},
	{"secretariat", "longlh"},
	{"council", "hantt"},
	{"chairman", "luongct"},
}

// extendedUnits are the units granted an extension of the submission
// deadline, with the reason recorded.
var extendedUnits = []struct{ unit, reason string }{
	{"TYT", "Trạm Y tế tập trung nhân lực cho chiến dịch tiêm chủng mở rộng trong tháng, đề nghị lùi hạn nộp sáng kiến."},
	{"TTCUDVC", "Trung tâm mới kiện toàn nhân sự sau sắp xếp, đề nghị gia hạn để hoàn thiện hồ sơ sáng kiến."},
}

// superuserKey is the local part of the superuser made for the dashboard
// when the data folder has none.
const superuserKey = "quantri"
