package hooks

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/pocketbase/pocketbase/core"
)

// startS3 starts an S3-compatible server on loopback with one empty bucket
// and returns the SANGKIEN_S3_* that point at it, as a ward's operator
// would set them (s3Env gives them to an app).
func startS3(t *testing.T, bucket string) (*s3mem.Backend, map[string]string) {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(srv.Close)
	return backend, map[string]string{
		"SANGKIEN_S3_ENDPOINT": srv.URL, "SANGKIEN_S3_BUCKET": bucket, "SANGKIEN_S3_REGION": "hanoi-1",
		"SANGKIEN_S3_ACCESS_KEY": "phuong-hoan-kiem", "SANGKIEN_S3_SECRET": "bi-mat-cua-phuong",
	}
}

// s3Env sets env in app's environment and returns app.
func s3Env[A core.App](app A, env map[string]string) A {
	for k, v := range env {
		setEnv(app, k, v)
	}
	return app
}

// bucketKeys lists the objects in the bucket.
func bucketKeys(t *testing.T, backend *s3mem.Backend, bucket string) []string {
	t.Helper()
	list, err := backend.ListBucket(bucket, nil, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range list.Contents {
		keys = append(keys, c.Key)
	}
	return keys
}

// TestBackupsGoToS3AndRestoreFromIt: with SANGKIEN_S3_* set, the settings
// say S3 at start, the nightly backup job and a backup by hand upload to
// the bucket (nothing stays on the machine), and `sangkien restore NAME`
// on a new machine brings every row and file back from the bucket; without
// the variables, a folder whose settings name the bucket restores from it.
func TestBackupsGoToS3AndRestoreFromIt(t *testing.T) {
	t.Parallel()
	backend, env := startS3(t, "sao-luu-phuong")
	app := s3Env(wardWithFile(t), env)
	loadCatalog(t)
	if err := applySettingsEnvironment(app); err != nil {
		t.Fatal(err)
	}
	if s3 := app.Settings().Backups.S3; !s3.Enabled || s3.Bucket != "sao-luu-phuong" || !s3.ForcePathStyle {
		t.Fatalf("settings after start: %+v", s3)
	}

	var nightly func()
	for _, j := range app.Cron().Jobs() {
		if j.Id() == "__pbAutoBackup__" {
			nightly = j.Run
		}
	}
	if nightly == nil {
		t.Fatal("no nightly backup job")
	}
	nightly()
	if err := app.CreateBackup(context.Background(), "truoc_ky_quyet_dinh.zip"); err != nil {
		t.Fatal(err)
	}
	keys := bucketKeys(t, backend, "sao-luu-phuong")
	auto := ""
	for _, k := range keys {
		if strings.HasPrefix(k, "@auto_pb_backup_") {
			auto = k
		}
	}
	if auto == "" || !strings.Contains(strings.Join(keys, " "), "truoc_ky_quyet_dinh.zip") {
		t.Fatalf("bucket holds %v, want the nightly and the hand-made backup", keys)
	}
	if local, _ := filepath.Glob(filepath.Join(app.DataDir(), core.LocalBackupsDirName, "*.zip")); len(local) != 0 {
		t.Errorf("backups left on the machine: %v", local)
	}

	before := snapshotWard(t, app)
	app.Cleanup() // the machine is lost

	dir := filepath.Join(t.TempDir(), "pb_data")
	out := new(bytes.Buffer)
	if err := runRestore(s3Env(openDataDir(t, dir), env), out, restoreOptions{file: "truoc_ky_quyet_dinh.zip", fresh: true}); err != nil {
		t.Fatal(err)
	}
	after := snapshotWard(t, openDataDir(t, dir))
	compareSnapshots(t, before, after)

	// S3 set in the dashboard only (no variables): the folder's own storage.
	if err := runRestore(s3Env(openDataDir(t, dir), map[string]string{"SANGKIEN_S3_BUCKET": ""}), out, restoreOptions{file: auto, replace: true}); err != nil {
		t.Fatalf("restore by name from the folder's own S3 storage: %v", err)
	}
	compareSnapshots(t, before, snapshotWard(t, openDataDir(t, dir)))

	err := runRestore(s3Env(openDataDir(t, filepath.Join(t.TempDir(), "pb_data")), env), out, restoreOptions{file: "khong_co.zip", fresh: true})
	if err == nil || !strings.Contains(err.Error(), "truoc_ky_quyet_dinh.zip") || !strings.Contains(err.Error(), auto) {
		t.Errorf("a name not in the bucket: err = %v, want one listing the bucket's backups", err)
	}
}
