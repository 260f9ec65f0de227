package docs

import (
	"encoding/json"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// DefaultLegalBases are the legal texts (căn cứ) a round's decision, the
// council's establishment decision and the minutes cite, as the ward's
// documents cited them before the list became round data. A new round
// starts with them; the secretariat edits each round's own list.
var DefaultLegalBases = []string{
	"Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
	"Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
	"Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
	"Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ Sáng kiến",
	"Thông tư số 18/2013/TT-BKHCN ngày 01 tháng 8 năm 2013 của Bộ trưởng Bộ Khoa học và Công nghệ hướng dẫn thi hành một số quy định của Điều lệ Sáng kiến",
	"Công văn số 2345/UBND-NVKTGS ngày 11/9/2025 của Ủy ban nhân dân thành phố về việc nghiên cứu, đề xuất sáng kiến cải cách hành chính có tính đột phá để triển khai nhân rộng, áp dụng trên địa bàn thành phố",
}

// legalBases are the legal bases round cites, each without "Căn cứ" and
// the closing semicolon the documents add; DefaultLegalBases when the
// round holds none (or no round).
func legalBases(round *core.Record) []T {
	var list []string
	if round != nil {
		_ = json.Unmarshal([]byte(round.GetString("legal_bases")), &list)
	}
	var out []T
	for _, b := range list {
		b = strings.TrimSpace(b)
		b = strings.TrimSpace(strings.TrimPrefix(b, "Căn cứ"))
		b = strings.TrimRight(b, ";.")
		if b != "" {
			out = append(out, T(b))
		}
	}
	if len(out) == 0 {
		for _, b := range DefaultLegalBases {
			out = append(out, T(b))
		}
	}
	return out
}
