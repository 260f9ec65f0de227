package report_test

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

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

// TestMain removes the benchmark's data folder when the run ends.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.w != nil {
		bench.w.App.Cleanup()
	}
	os.Exit(code)
}

// benchWard returns the generated round: 10,000 initiatives in scoring,
// each with a submitted sheet from every one of 15 voting members.
func benchWard(b *testing.B) *testkit.Ward {
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
		if err := fillRound(w, seats); err != nil {
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

// fillRound inserts the initiatives and sheets with plain SQL in one
// transaction (saving 160,000 records through the app would take minutes).
func fillRound(w *testkit.Ward, seats []*core.Record) error {
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
		for i := 0; i < benchInitiatives; i++ {
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

// cpuSeconds is the CPU time the process has used so far (every
// goroutine, garbage collection included), from runtime/metrics.
func cpuSeconds() float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/total:cpu-seconds"}, {Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64() - s[1].Value.Float64()
}

// peakHeap samples the live heap every millisecond until stop is called,
// which returns the highest sample in MB.
func peakHeap() (stop func() float64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		return float64(<-result) / (1 << 20)
	}
}

// BenchmarkExportAll writes the whole workbook (every report) of a round
// of 10,000 initiatives scored by 15 members, to nowhere.
func BenchmarkExportAll(b *testing.B) {
	w := benchWard(b)
	var peak float64
	var stats report.Stats
	cpu := 0.0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop := peakHeap()
		cpu -= cpuSeconds()
		var err error
		stats, err = report.Write(w.App, w.Round, report.All, report.Options{Preparer: "Đỗ Thị Giang"}, io.Discard)
		cpu += cpuSeconds()
		peak = max(peak, stop())
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	bench.cells = stats.Cells
	b.ReportMetric(cpu*1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(float64(stats.Cells), "cells")
	b.ReportMetric(float64(stats.Rows), "rows")
}

// BenchmarkExportRawStreamWrite is the yardstick: excelize's stream writer
// alone writing as many cells (text and numbers, one style) in one sheet.
func BenchmarkExportRawStreamWrite(b *testing.B) {
	if bench.cells == 0 {
		// run alone: count the cells of the real export first.
		w := benchWard(b)
		stats, err := report.Write(w.App, w.Round, report.All, report.Options{}, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		bench.cells = stats.Cells
	}
	const width = 24
	rows := bench.cells / width
	var peak float64
	cpu := 0.0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop := peakHeap()
		cpu -= cpuSeconds()
		f := excelize.NewFile()
		st, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}})
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		row := make([]any, width)
		for r := 1; r <= rows; r++ {
			for c := range row {
				if c%2 == 0 {
					row[c] = excelize.Cell{StyleID: st, Value: fmt.Sprintf("Sáng kiến cải cách hành chính số %d", r)}
				} else {
					row[c] = excelize.Cell{StyleID: st, Value: float64(r%100) + 0.25}
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, row); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		_ = f.Close()
		cpu += cpuSeconds()
		peak = max(peak, stop())
	}
	b.StopTimer()
	b.ReportMetric(cpu*1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(float64(rows*width), "cells")
}
