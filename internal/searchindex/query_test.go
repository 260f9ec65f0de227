package searchindex

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in, match string
	}{
		{"dao tao", `"dao" "tao"*`},
		{"Đào  TẠO", `"dao" "tao"*`},
		{"so hoa ho so", `"so" "hoa" "ho"*`},
		{"SK-2026-007", `code : "sk2026007"*`},
		{"sk2026007", `code : "sk2026007"*`},
		{`"; DROP TABLE x; --`, `"drop" "table" "x"*`},
		{"   ", ``},
	}
	for _, c := range cases {
		if got := Parse(c.in).Match(false); got != c.match {
			t.Errorf("Parse(%q).Match = %q, want %q", c.in, got, c.match)
		}
	}
	if got := Parse("dao tao").Match(true); got != `{code title authors summary} : ("dao" "tao"*)` {
		t.Errorf("public match = %q", got)
	}
}

func TestSnippetMarksOriginalWords(t *testing.T) {
	q := Parse("so hoa ho so")
	segs := q.Snippet("", "Giải pháp Số hóa hồ sơ một cửa giúp người dân tra cứu.")
	var marked []string
	var all strings.Builder
	for _, s := range segs {
		all.WriteString(s.Text)
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if strings.Join(marked, "|") != "Số|hóa|hồ|sơ" {
		t.Errorf("marked %q", marked)
	}
	if !strings.Contains(all.String(), "Giải pháp Số hóa hồ sơ một cửa") {
		t.Errorf("snippet %q lost the original text", all.String())
	}
	if segs := q.Snippet("không có gì"); segs != nil {
		t.Errorf("a text without the words gave %v", segs)
	}
}
