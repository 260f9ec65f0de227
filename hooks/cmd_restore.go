package hooks

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/archive"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/spf13/cobra"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// restoreOptions are what `sangkien restore` was asked.
type restoreOptions struct {
	file    string // a backup .zip on this machine, or its name in the S3 bucket
	replace bool   // replace a data folder that holds data (kept aside)
	fresh   bool   // the data folder did not exist before the program started
}

// newRestoreCommand returns `sangkien restore FILE [--dir pb_data]
// [--replace]`: it restores a PocketBase backup into a stopped ward's data
// folder. FILE is a backup file, or the name of one in the S3-compatible
// storage set by SANGKIEN_S3_* (a new machine after a lost one).
func newRestoreCommand(app core.App, fresh bool) *cobra.Command {
	opts := restoreOptions{fresh: fresh}
	cmd := &cobra.Command{
		Use:          "restore FILE",
		Short:        i18n.T("restore.command"),
		Example:      "sangkien restore pb_data/backups/@auto_pb_backup_sang_kien_cchc_phuong_20261207190000.zip --dir pb_data --replace",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return runRestore(app, cmd.OutOrStdout(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.replace, "replace", false, i18n.T("restore.flag_replace"))
	return cmd
}

// hasWardData reports whether app's data folder holds a ward: one of the
// program's migrations has run on it (opening a folder creates a database
// with PocketBase's own tables only).
func hasWardData(app core.App) bool {
	applied := appliedMigrations(app)
	for _, m := range core.AppMigrations.Items() {
		if applied[m.File] {
			return true
		}
	}
	return false
}

// appliedMigrations returns the migration files recorded as applied in
// app's database (none when the table is missing).
func appliedMigrations(app core.App) map[string]bool {
	var files []string
	_ = app.DB().Select("file").From(core.DefaultMigrationsTable).Column(&files)
	applied := make(map[string]bool, len(files))
	for _, f := range files {
		applied[f] = true
	}
	return applied
}

// runRestore closes app's data folder, extracts the backup beside it,
// checks it holds a database, and puts it in place: into a new or empty
// folder directly; over a folder with data only with replace, after moving
// that folder aside (dir.truoc-khoi-phuc-YYYYMMDD-HHMMSS; its backups come
// along into the restored folder). Errors are Vietnamese sentences.
func runRestore(app core.App, out io.Writer, o restoreOptions) error {
	dir, err := filepath.Abs(app.DataDir())
	if err != nil {
		return err
	}
	hasData := hasWardData(app)
	// the folder's own S3 storage (set in the dashboard), when it has one.
	var folderS3 core.S3Config
	if hasData && app.Settings() != nil {
		folderS3 = app.Settings().Backups.S3
	}
	if err := app.ResetBootstrapState(); err != nil {
		return err
	}
	if hasData && !o.replace {
		return errors.New(i18n.T("restore.not_empty", "dir", dir))
	}

	zipPath, cleanup, err := backupFile(app, o.file, filepath.Dir(dir), folderS3)
	if err != nil {
		return err
	}
	defer cleanup()

	extracted, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".khoi-phuc-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(extracted)
	if err := archive.Extract(zipPath, extracted); err != nil {
		return errors.New(i18n.T("restore.bad_file", "file", o.file, "error", err.Error()))
	}
	if _, err := os.Stat(filepath.Join(extracted, "data.db")); err != nil {
		return errors.New(i18n.T("restore.no_database", "file", o.file))
	}

	aside := ""
	switch {
	case o.fresh || !pathExists(dir):
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	case hasData:
		aside = dir + ".truoc-khoi-phuc-" + clock.Of(app).Now().Format("20060102-150405")
		if err := os.Rename(dir, aside); err != nil {
			return err
		}
		if pathExists(filepath.Join(aside, core.LocalBackupsDirName)) {
			if err := os.Rename(filepath.Join(aside, core.LocalBackupsDirName), filepath.Join(extracted, core.LocalBackupsDirName)); err != nil {
				return err
			}
		}
	default:
		// a folder with no ward data: what opening it created is an empty
		// database; its backups are kept, anything else is in the way.
		if err := moveEmptyFolderContent(dir, extracted); err != nil {
			return err
		}
	}
	if err := os.Rename(extracted, dir); err != nil {
		// put the replaced folder back as it was.
		if aside != "" {
			_ = os.Rename(filepath.Join(extracted, core.LocalBackupsDirName), filepath.Join(aside, core.LocalBackupsDirName))
			_ = os.Rename(aside, dir)
		}
		return err
	}

	fmt.Fprintf(out, "\n%s\n", i18n.T("restore.done", "file", o.file, "dir", dir))
	if aside != "" {
		fmt.Fprintf(out, "  %s\n", i18n.T("restore.aside", "aside", aside))
	}
	fmt.Fprintf(out, "  %s\n\n", i18n.T("restore.next", "dir", dir))
	return nil
}

// moveEmptyFolderContent prepares a folder without ward data to be
// replaced by dst: the empty databases opening it created are dropped, its
// backups folder moves into dst, anything else stops the restore (the
// folder may not be a data folder at all).
func moveEmptyFolderContent(dir, dst string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "data.db"), strings.HasPrefix(name, "auxiliary.db"), name == core.LocalTempDirName, name == core.LocalNotifyDirName:
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return err
			}
		case name == core.LocalBackupsDirName:
			if err := os.Rename(filepath.Join(dir, name), filepath.Join(dst, name)); err != nil {
				return err
			}
		default:
			return errors.New(i18n.T("restore.not_data_folder", "dir", dir, "name", name))
		}
	}
	return os.Remove(dir)
}

// backupFile returns a local path for the backup named file: file itself
// when it is on this machine, else a copy downloaded into tmpDir from the
// S3-compatible storage of app's SANGKIEN_S3_*, or else from folderS3 (the
// data folder's own, set in the dashboard). cleanup removes the copy.
func backupFile(app core.App, file, tmpDir string, folderS3 core.S3Config) (string, func(), error) {
	nothing := func() {}
	if pathExists(file) {
		return file, nothing, nil
	}
	s3, ok := s3FromEnvironment(app)
	if !ok && folderS3.Enabled {
		s3, ok = folderS3, true
	}
	if !ok {
		return "", nothing, errors.New(i18n.T("restore.no_file", "file", file))
	}
	fsys, err := filesystem.NewS3(s3.Bucket, s3.Region, s3.Endpoint, s3.AccessKey, s3.Secret, s3.ForcePathStyle)
	if err != nil {
		return "", nothing, err
	}
	defer fsys.Close()
	name := filepath.Base(file)
	r, err := fsys.GetReader(name)
	if err != nil {
		return "", nothing, errors.New(i18n.T("restore.no_file_s3", "file", name, "bucket", s3.Bucket, "available", s3BackupNames(fsys)))
	}
	defer r.Close()
	tmp, err := os.CreateTemp(tmpDir, ".sangkien-restore-*.zip")
	if err != nil {
		return "", nothing, err
	}
	cleanup := func() { os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		cleanup()
		return "", nothing, err
	}
	if err := tmp.Close(); err != nil {
		cleanup()
		return "", nothing, err
	}
	return tmp.Name(), cleanup, nil
}

// s3BackupNames lists the .zip files in the bucket, for the message that
// says a name was not found.
func s3BackupNames(fsys *filesystem.System) string {
	objs, err := fsys.List("")
	if err != nil {
		return "?"
	}
	var names []string
	for _, o := range objs {
		if strings.HasSuffix(o.Key, ".zip") {
			names = append(names, o.Key)
		}
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, ", ")
}
