package docs

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/nd30"
	"sangkien/internal/vocab"
)

// CitySubmission is the data of the submission to the city (Tờ trình đề
// nghị công nhận hiệu quả áp dụng và khả năng nhân rộng cấp thành phố).
type CitySubmission struct {
	Org  Org
	Head Head
	Year int
	// Recognition names the ward's recognition decision: number and date
	// ("" and blanks before it is recorded).
	RecNumber, RecDate T
	Items              []CityRow
	Sign               Sign
}

// CityRow is one nominated initiative.
type CityRow struct {
	No                                           int
	Code, Title, Authors, Positions, Unit, Field T
	AuthorLines                                  T // one line per author: name (share), position
	Mean, Tier, Summary, Benefits, Saved         T
}

// LoadCitySubmission reads the submission of round's nominated
// initiatives, by rank, signed as the city nomination decision was
// recorded (number, date, signer), for the ward's People's Committee.
func LoadCitySubmission(app core.App, round *core.Record) (*CitySubmission, []*core.Record, error) {
	o := loadOrg(app)
	year := round.GetInt("year")
	lk, err := loadLookups(app)
	if err != nil {
		return nil, nil, err
	}
	c := &CitySubmission{Org: o.text(), Year: year, RecDate: T(nd30.BlankDate(year))}
	if rec := latestDecision(app, round.Id, vocab.DecisionRecognition); rec != nil {
		c.RecNumber = T(rec.GetString("number"))
		if t := day(rec.GetDateTime("signed_on")); !t.IsZero() {
			c.RecDate = T("ngày " + shortDate(t))
		}
	}
	number, signer, on := "", o.Chairman, timeZero
	if nom := latestDecision(app, round.Id, vocab.DecisionCityNomination); nom != nil {
		number, on = nom.GetString("number"), day(nom.GetDateTime("signed_on"))
		if s := nom.GetString("signer"); s != "" {
			signer = s
		}
	}
	c.Head = o.head(nd30.Ward(o.Ward), number, "TTr-UBND", on, year)
	s := nd30.DecisionSigner(signer, o.Chairman)
	head := []T{T(nd30.OnBehalfCommittee)}
	for _, h := range s.Head() {
		head = append(head, T(h))
	}
	c.Sign = Sign{Head: head, Name: T(s.Name)}

	inis, err := app.FindRecordsByFilter("initiatives", "round = {:r} && nominated = true", "result_rank,code", 0, 0,
		dbx.Params{"r": round.Id})
	if err != nil {
		return nil, nil, err
	}
	slices.SortStableFunc(inis, func(a, b *core.Record) int {
		ra, rb := a.GetInt("result_rank"), b.GetInt("result_rank")
		if (ra == 0) != (rb == 0) {
			if ra == 0 {
				return 1
			}
			return -1
		}
		return ra - rb
	})
	for i, ini := range inis {
		as := decodeAuthors(ini.GetString("authors"))
		row := CityRow{No: i + 1, Code: T(ini.GetString("code")), Title: T(ini.GetString("title")),
			Authors: T(authorNames(as, ", ")), Positions: T(authorPositions(as)), AuthorLines: T(authorLines(as)),
			Unit: T(lk.units[ini.GetString("unit")]), Field: T(lk.fields[ini.GetString("field")]),
			Mean: T(nd30.Decimal(ini.GetFloat("result_mean"))), Tier: T(roundTierLabel(round, ini.GetString("result_tier"))),
			Summary: T(ini.GetString("summary")), Benefits: T(ini.GetString("benefits"))}
		if v := ini.GetFloat("benefit_value"); v > 0 {
			row.Saved = T(nd30.Decimal(v) + " đồng")
		}
		c.Items = append(c.Items, row)
	}
	return c, inis, nil
}

// MissingAttachment is an attachment an initiative lists that the file
// storage no longer holds.
type MissingAttachment struct {
	Code, File string
	Err        error // the storage's error, if any
}

// Error names the attachment.
func (e *MissingAttachment) Error() string {
	return fmt.Sprintf("docs: attachment %s of %s is missing (%v)", e.File, e.Code, e.Err)
}

// Dossier is round's dossier to the city, ready to be written: its
// documents made, its attachments found in PocketBase's file storage.
type Dossier struct {
	app   core.App
	year  int
	files []dossierFile
}

// dossierFile is one file of the dossier: made (data) or stored (key).
type dossierFile struct {
	name string
	data []byte
	key  string // the attachment's key in the file storage
}

// PrepareCityDossier makes round's dossier: the submission, the
// recognition decision with its annex, and for each nominated initiative
// its application form and attachments (checked to exist, read when
// written). Everything that can fail before a byte is sent fails here.
func PrepareCityDossier(app core.App, round *core.Record) (*Dossier, error) {
	c, inis, err := LoadCitySubmission(app, round)
	if err != nil {
		return nil, err
	}
	d := &Dossier{app: app, year: c.Year}
	sub, err := render(app, KeyCitySubmit, fmt.Sprintf("Tờ trình đề nghị cấp thành phố năm %d", c.Year), c)
	if err != nil {
		return nil, err
	}
	d.files = append(d.files, dossierFile{name: fmt.Sprintf("01-To-trinh-de-nghi-cap-thanh-pho-%d.docx", c.Year), data: sub})
	dec, decName, err := DecisionDocx(app, round)
	if err != nil {
		return nil, err
	}
	d.files = append(d.files, dossierFile{name: "02-" + decName, data: dec})
	fsys, err := app.NewFilesystem()
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	for i, ini := range inis {
		dir := fmt.Sprintf("03-Sang-kien/%02d-%s/", i+1, ini.GetString("code"))
		form, name, err := ApplicationDocx(app, ini)
		if err != nil {
			return nil, err
		}
		d.files = append(d.files, dossierFile{name: dir + name, data: form})
		for _, file := range ini.GetStringSlice("attachments") {
			key := ini.BaseFilesPath() + "/" + file
			if ok, err := fsys.Exists(key); err != nil || !ok {
				return nil, &MissingAttachment{Code: ini.GetString("code"), File: file, Err: err}
			}
			d.files = append(d.files, dossierFile{name: dir + "Tai-lieu-kem-theo/" + path.Base(file), key: key})
		}
	}
	return d, nil
}

// Name is the dossier's file name.
func (d *Dossier) Name() string {
	return CityDossierName(d.year)
}

// Write writes the dossier as a zip to w, the attachments streamed
// from the file storage one at a time, so that memory stays flat however
// large they are.
func (d *Dossier) Write(w io.Writer) error {
	fsys, err := d.app.NewFilesystem()
	if err != nil {
		return err
	}
	defer fsys.Close()
	zw := zip.NewWriter(w)
	for _, f := range d.files {
		out, err := zw.Create(f.name)
		if err != nil {
			return err
		}
		if f.key == "" {
			if _, err := out.Write(f.data); err != nil {
				return err
			}
			continue
		}
		r, err := fsys.GetReader(f.key)
		if err != nil {
			return fmt.Errorf("docs: %s: %w", f.name, err)
		}
		_, err = io.Copy(out, r)
		r.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// CityDossier writes round's dossier to the city as a zip to w.
func CityDossier(app core.App, round *core.Record, w io.Writer) error {
	d, err := PrepareCityDossier(app, round)
	if err != nil {
		return err
	}
	return d.Write(w)
}

// CityDossierName is the file name of round's dossier.
func CityDossierName(year int) string {
	return fmt.Sprintf("Ho-so-de-nghi-cap-thanh-pho-%d.zip", year)
}
