package fold

import (
	"testing"
	"unicode/utf8"
)

// vowels holds every Vietnamese vowel with its six tones (ngang, huyền,
// sắc, hỏi, ngã, nặng), precomposed, lower and upper case, with the letter
// it folds to and the marks that build it from that letter.
var vowels = []struct {
	base     string
	modifier string // breve, circumflex or horn; "" for none
	lower    [6]string
	upper    [6]string
}{
	{"a", "", [6]string{"a", "à", "á", "ả", "ã", "ạ"}, [6]string{"A", "À", "Á", "Ả", "Ã", "Ạ"}},
	{"a", "\u0306", [6]string{"ă", "ằ", "ắ", "ẳ", "ẵ", "ặ"}, [6]string{"Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ"}},
	{"a", "\u0302", [6]string{"â", "ầ", "ấ", "ẩ", "ẫ", "ậ"}, [6]string{"Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ"}},
	{"e", "", [6]string{"e", "è", "é", "ẻ", "ẽ", "ẹ"}, [6]string{"E", "È", "É", "Ẻ", "Ẽ", "Ẹ"}},
	{"e", "\u0302", [6]string{"ê", "ề", "ế", "ể", "ễ", "ệ"}, [6]string{"Ê", "Ề", "Ế", "Ể", "Ễ", "Ệ"}},
	{"i", "", [6]string{"i", "ì", "í", "ỉ", "ĩ", "ị"}, [6]string{"I", "Ì", "Í", "Ỉ", "Ĩ", "Ị"}},
	{"o", "", [6]string{"o", "ò", "ó", "ỏ", "õ", "ọ"}, [6]string{"O", "Ò", "Ó", "Ỏ", "Õ", "Ọ"}},
	{"o", "\u0302", [6]string{"ô", "ồ", "ố", "ổ", "ỗ", "ộ"}, [6]string{"Ô", "Ồ", "Ố", "Ổ", "Ỗ", "Ộ"}},
	{"o", "\u031B", [6]string{"ơ", "ờ", "ớ", "ở", "ỡ", "ợ"}, [6]string{"Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ"}},
	{"u", "", [6]string{"u", "ù", "ú", "ủ", "ũ", "ụ"}, [6]string{"U", "Ù", "Ú", "Ủ", "Ũ", "Ụ"}},
	{"u", "\u031B", [6]string{"ư", "ừ", "ứ", "ử", "ữ", "ự"}, [6]string{"Ư", "Ừ", "Ứ", "Ử", "Ữ", "Ự"}},
	{"y", "", [6]string{"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"}, [6]string{"Y", "Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"}},
}

// tones are the combining marks of the six tones, ngang first.
var tones = [6]string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

func TestFoldEveryVowelAndTone(t *testing.T) {
	for _, v := range vowels {
		for i := range tones {
			for _, s := range []string{v.lower[i], v.upper[i]} {
				if utf8.RuneCountInString(s) != 1 {
					t.Fatalf("%q is not one precomposed letter", s)
				}
				if got := Fold(s); got != v.base {
					t.Errorf("Fold(%q NFC) = %q, want %q", s, got, v.base)
				}
			}
			// decomposed: the letter, its vowel mark, its tone mark.
			upperBase := string(rune(v.base[0]) - 'a' + 'A')
			for _, s := range []string{v.base + v.modifier + tones[i], upperBase + v.modifier + tones[i]} {
				if got := Fold(s); got != v.base {
					t.Errorf("Fold(%q NFD) = %q, want %q", s, got, v.base)
				}
			}
		}
	}
}

func TestFoldWords(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Đào tạo", "dao tao"},
		{"ĐÀO TẠO", "dao tao"},
		{"đường", "duong"},
		{"D\u0300a\u0300o ta\u0323o", "dao tao"}, // decomposed, marks on the wrong letter too
		{"Số hóa hồ sơ", "so hoa ho so"},
		{"So\u0302\u0301 ho\u0301a ho\u0302\u0300 so\u031B", "so hoa ho so"},
		{"Số hoá hồ sơ", "so hoa ho so"}, // the old tone placement (hoá) folds alike
		{"Cải cách thủ tục hành chính", "cai cach thu tuc hanh chinh"},
		{"Ứng dụng Zalo OA", "ung dung zalo oa"},
		{"SK-2026-007", "sk-2026-007"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWordsKeepOffsets(t *testing.T) {
	s := "Tiếp nhận hồ sơ, trả kết quả (một cửa)."
	ws := Words(s)
	want := []string{"tiep", "nhan", "ho", "so", "tra", "ket", "qua", "mot", "cua"}
	if len(ws) != len(want) {
		t.Fatalf("Words(%q) gave %d words, want %d", s, len(ws), len(want))
	}
	for i, w := range ws {
		if w.Folded != want[i] {
			t.Errorf("word %d folded %q, want %q", i, w.Folded, want[i])
		}
		if Fold(s[w.Start:w.End]) != w.Folded {
			t.Errorf("word %d offsets give %q", i, s[w.Start:w.End])
		}
	}
	if got := s[ws[2].Start:ws[3].End]; got != "hồ sơ" {
		t.Errorf("offsets of words 2–3 give %q, want %q", got, "hồ sơ")
	}
	// decomposed input: the marks belong to their words.
	d := "ho\u0302\u0300 so\u031B"
	if got := Terms(d); len(got) != 2 || got[0] != "ho" || got[1] != "so" {
		t.Errorf("Terms(NFD) = %q", got)
	}
}

func TestCode(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"SK-2026-007", "sk2026007", true},
		{"sk2026007", "sk2026007", true},
		{"sk 2026 007", "sk2026007", true},
		{" Sk-2026-7 ", "sk20267", true},
		{"số hóa", "", false},
		{"sk", "", false},
		{"skabc2026", "", false},
		{"2026-007", "", false},
	}
	for _, c := range cases {
		got, ok := Code(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Code(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
