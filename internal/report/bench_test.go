package report_test

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/lotest"
	"sangkien/internal/report"
	"sangkien/internal/testkit"
)

// The size of the benchmark round.
const (
	benchInitiatives = 10000
	benchMembers     = 15
)

// bench is the generated round, built once per benchmark run and shared
// by both benchmarks; cells is how many cells the full export writes.
var bench struct {
	once  sync.Once
	w     *testkit.Ward
	cells int
}

// TestMain removes the benchmark's data folder, the LibreOffice profile
// of the printing tests and the ward's template when the run ends.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.w != nil {
		bench.w.App.Cleanup()
	}
	lotest.Close()
	testkit.RemoveTemplate()
	os.Exit(code)
}

// benchWard returns the generated round: 10,000 initiatives in scoring,
// each with a submitted sheet from every one of 15 voting members.
func benchWard(b testing.TB) *testkit.Ward {
	bench.once.Do(func() {
		start := time.Now()
		w := testkit.NewWard(b)
		// the known ward's council has 4 voting members; seat 11 more.
		for i := len(w.Members) + 1; i < benchMembers; i++ {
			u := w.User(b, fmt.Sprintf("hd.them%d@phuong.test", i), fmt.Sprintf("Thành viên Hội đồng %02d", i), w.UnitB, "staff", "council")
			w.AddMember(b, u, "member")
		}
		seats, err := w.App.FindAllRecords("council_members")
		if err != nil || len(seats) != benchMembers {
			b.Fatalf("council of %d: %v", len(seats), err)
		}
		if err := fillRound(w, seats, benchInitiatives); err != nil {
			b.Fatal(err)
		}
		bench.w = w
		b.Logf("generated %d initiatives × %d sheets in %v", benchInitiatives, benchMembers, time.Since(start).Round(time.Millisecond))
	})
	if bench.w == nil {
		b.Fatal("no benchmark round")
	}
	return bench.w
}

// fillRound inserts n initiatives and their sheets with plain SQL in one
// transaction (saving 160,000 records through the app would take minutes).
func fillRound(w *testkit.Ward, seats []*core.Record, n int) error {
	units, err := w.App.FindAllRecords("units")
	if err != nil {
		return err
	}
	fields, err := w.App.FindAllRecords("fields")
	if err != nil {
		return err
	}
	statuses := []string{"recognized", "recognized", "recognized", "recognized", "recognized", "recognized",
		"not_recognized", "not_recognized", "not_recognized", "accepted"}
	const stamp = "2026-09-01 08:00:00.000Z"
	return w.App.RunInTransaction(func(tx core.App) error {
		ini := tx.DB().NewQuery(`INSERT INTO initiatives (id, code, round, unit, field, title, authors, author_users,
			owner, status, submitted_at, late, first_applied, council, nominated, summary, created, updated)
			VALUES ({:id}, {:code}, {:round}, {:unit}, {:field}, {:title}, {:authors}, '[]', '', {:status},
			{:submitted}, {:late}, {:first}, {:council}, {:nominated}, 'Tóm tắt.', {:stamp}, {:stamp})`).Prepare()
		defer ini.Close()
		sheet := tx.DB().NewQuery(`INSERT INTO scores (id, initiative, member, points, total, approve, status,
			submitted_at, created, updated)
			VALUES ({:id}, {:initiative}, {:member}, {:points}, {:total}, {:approve}, 'submitted', {:stamp}, {:stamp}, {:stamp})`).Prepare()
		defer sheet.Close()
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("bi%013d", i)
			authors, _ := json.Marshal([]map[string]any{
				{"name": fmt.Sprintf("Nguyễn Thị Ánh Tuyết %d", i), "position": "Chuyên viên", "workplace": "UBND phường", "share": 70},
				{"name": "Đặng Văn Long", "position": "Phó Trưởng phòng", "workplace": "UBND phường", "share": 30},
			})
			_, err := ini.Bind(dbx.Params{
				"id": id, "code": fmt.Sprintf("SK-2026-%05d", i+1), "round": w.Round.Id,
				"unit": units[i%len(units)].Id, "field": fields[i%len(fields)].Id,
				"title":   fmt.Sprintf("Ứng dụng chuyển đổi số trong tiếp nhận và giải quyết hồ sơ thủ tục hành chính tại bộ phận một cửa, số %d", i),
				"authors": string(authors), "status": statuses[i%len(statuses)],
				"submitted": fmt.Sprintf("2026-09-%02d 03:00:00.000Z", 1+i%24), "late": i%17 == 0,
				"first": "2026-03-05 00:00:00.000Z", "council": w.Council.Id, "nominated": i%10 == 0, "stamp": stamp,
			}).Execute()
			if err != nil {
				return err
			}
			for m, seat := range seats {
				p := [4]float64{float64(10 + (i+m)%21), float64(8 + (i*3+m)%13), float64(10 + (i*7+m)%21), float64(8 + (i+m*5)%13)}
				points, _ := json.Marshal(map[string]float64{"novelty": p[0], "applicability": p[1], "effectiveness": p[2], "replicability": p[3]})
				_, err := sheet.Bind(dbx.Params{
					"id": fmt.Sprintf("bs%06d%07d", m, i), "initiative": id, "member": seat.GetString("user"),
					"points": string(points), "total": p[0] + p[1] + p[2] + p[3], "approve": (i+m)%5 != 0, "stamp": stamp,
				}).Execute()
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// measure is what one timed run took: wall time, the CPU time of the
// process as the kernel counts it (every goroutine, garbage collection
// included) and the highest live heap sampled while it ran.
type measure struct {
	wall, cpu      time.Duration
	baseMB, peakMB float64 // the heap when fn starts, and at its highest
}

// cpuTime is the CPU time the process has used so far, user and system,
// from getrusage.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timed runs fn once and measures it. The garbage left by what ran before
// is collected first, outside the measure. The benchmark's timer (ns/op,
// B/op, allocs/op) runs while fn does when count is set, and is stopped
// on return. A goroutine samples the heap's objects (live, or dead but
// not yet swept) every millisecond from just before fn starts until it
// returns.
func timed(b *testing.B, count bool, fn func() error) measure {
	b.StopTimer()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done := make(chan struct{})
	peak := make(chan uint64)
	ready := make(chan uint64)
	go func() {
		var top uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for first := true; ; first = false {
			metrics.Read(sample)
			top = max(top, sample[0].Value.Uint64())
			if first {
				ready <- top
			}
			select {
			case <-done:
				metrics.Read(sample)
				peak <- max(top, sample[0].Value.Uint64())
				return
			case <-tick.C:
			}
		}
	}()
	base := <-ready
	cpu := cpuTime()
	start := time.Now()
	if count {
		b.StartTimer()
	}
	err := fn()
	b.StopTimer()
	m := measure{wall: time.Since(start), cpu: cpuTime() - cpu, baseMB: float64(base) / (1 << 20)}
	close(done)
	m.peakMB = float64(<-peak) / (1 << 20)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// rawWidth is how many cells each row of the raw write has.
const rawWidth = 24

// rawTexts are the texts of the raw write, made before it is measured so
// that it measures excelize alone.
var rawTexts = func() []string {
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = fmt.Sprintf("Sáng kiến cải cách hành chính số %d", i+1)
	}
	return texts
}()

// rawWrite is the yardstick: excelize's stream writer alone writing cells
// cells (rawWidth a row, text and numbers alternately, one style) to one
// sheet, and the workbook to nowhere.
func rawWrite(cells int) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	row := make([]any, rawWidth)
	for r := 1; r <= cells/rawWidth; r++ {
		for c := range row {
			if c%2 == 0 {
				row[c] = excelize.Cell{StyleID: st, Value: rawTexts[r%len(rawTexts)]}
			} else {
				row[c] = excelize.Cell{StyleID: st, Value: float64(r%100) + 0.25}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(io.Discard)
}

// benchCells is how many cells the full export of the benchmark round
// writes, counted by one export (not measured) the first time.
func benchCells(b *testing.B, w *testkit.Ward) int {
	if bench.cells == 0 {
		stats, err := report.Write(w.App, w.Round, report.All, report.Options{}, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		bench.cells = stats.Cells
	}
	return bench.cells
}

// BenchmarkExportAll writes the whole workbook (every report) of a round
// of 10,000 initiatives scored by 15 members, to nowhere; ns/op is the
// export's time. Each iteration also makes the raw write of as many cells
// (not in ns/op), measured the same way just before, so that x-raw, the
// export's time over the raw write's, compares runs made on the same
// machine at the same moment.
func BenchmarkExportAll(b *testing.B) {
	w := benchWard(b)
	cells := benchCells(b, w)
	var export, raw measure
	var stats report.Stats
	b.ResetTimer()
	for range b.N {
		r := timed(b, false, func() error { return rawWrite(cells) })
		e := timed(b, true, func() error {
			var err error
			stats, err = report.Write(w.App, w.Round, report.All, report.Options{Preparer: "Đỗ Thị Giang"}, io.Discard)
			return err
		})
		export.wall += e.wall
		export.cpu += e.cpu
		export.peakMB = max(export.peakMB, e.peakMB)
		export.baseMB = max(export.baseMB, e.baseMB)
		raw.wall += r.wall
		raw.cpu += r.cpu
		raw.peakMB = max(raw.peakMB, r.peakMB)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(export.cpu.Seconds()*1000/n, "cpu-ms/op")
	b.ReportMetric(export.peakMB, "peak-MB")
	b.ReportMetric(export.baseMB, "base-MB")
	b.ReportMetric(raw.wall.Seconds()*1000/n, "raw-ms/op")
	b.ReportMetric(raw.cpu.Seconds()*1000/n, "raw-cpu-ms/op")
	b.ReportMetric(raw.peakMB, "raw-peak-MB")
	b.ReportMetric(export.wall.Seconds()/raw.wall.Seconds(), "x-raw")
	proc := freshProcess(b, w)
	b.ReportMetric(proc.StartMB, "proc-start-RSS-MB")
	b.ReportMetric(proc.PeakMB, "proc-peak-RSS-MB")
	b.ReportMetric(proc.MS, "proc-ms/op")
	b.ReportMetric(float64(stats.Cells), "cells")
	b.ReportMetric(float64(stats.Rows), "rows")
}

// BenchmarkExportRawStreamWrite is the yardstick alone: the raw write of
// as many cells as the full export writes.
func BenchmarkExportRawStreamWrite(b *testing.B) {
	cells := benchCells(b, benchWard(b))
	var raw measure
	b.ResetTimer()
	for range b.N {
		r := timed(b, true, func() error { return rawWrite(cells) })
		raw.cpu += r.cpu
		raw.peakMB = max(raw.peakMB, r.peakMB)
	}
	b.StopTimer()
	b.ReportMetric(raw.cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(raw.peakMB, "peak-MB")
	b.ReportMetric(float64(cells/rawWidth*rawWidth), "cells")
}
