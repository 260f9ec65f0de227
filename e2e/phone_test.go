package e2e_test

import (
	"testing"
)

// TestPhoneEveryPage: every page, at 390 × 844 as a person with every role
// sees it (and the public ones signed out): a header of at most 170 px,
// no sideways scroll, no overlapping text; the results of a round in review
// with its sheets in (the widest table) included.
func TestPhoneEveryPage(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 2, "Tra cứu hồ sơ bằng mã QR trên giấy hẹn trả kết quả", "Sổ tay thủ tục")
	for _, m := range cr.Members {
		for _, ini := range cr.Items {
			w.Sheet(t, ini, m, "submitted", map[string]float64{"novelty": 25.5, "applicability": 17.5, "effectiveness": 26, "replicability": 16.5}, true)
		}
	}
	all := NewUser(t, "staff", "unit_head", "secretariat", "council", "chairman")
	year := "?year=" + itoa(cr.Year)
	p := NewPage(t)
	p.UseSession(all, "/")
	for _, path := range []string{
		"/", "/sang-kien/moi.html", "/don-vi/", "/van-phong/", "/van-phong/cai-dat.html", "/van-phong/hoi-dong.html" + year,
		"/van-phong/ket-qua.html" + year, "/van-phong/bao-cao.html", "/van-phong/nhat-ky.html", "/van-phong/tai-khoan.html",
		"/hoi-dong/", "/chu-tich/" + year, "/cong-khai/", "/tai-khoan/mat-khau.html", "/huong-dan.html",
	} {
		p.Go(path)
		p.CheckPhone(path)
	}
	p.Go("/van-phong/ket-qua.html" + year)
	p.Screenshots("phone-results")
	p.Go("/")
	p.Screenshots("phone-home")
	anon := NewPage(t)
	for _, path := range []string{"/dang-nhap.html", "/quen-mat-khau.html", "/cong-khai/", "/huong-dan.html"} {
		anon.Go(path)
		anon.CheckPhone(path + " (signed out)")
	}
}
