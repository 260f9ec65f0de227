package hooks

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"sangkien/internal/i18n"
)

// serviceOptions are what the printed unit file starts the program with.
type serviceOptions struct {
	binary  string // absolute path of the program
	dataDir string // absolute path of the data folder
	http    string // listen address
	user    string // system account the service runs as
	envFile string // file with SANGKIEN_* variables (optional)
}

// newServiceCommand returns `sangkien service [--dir pb_data] [--http …]
// [--user …] [--env-file …]`: it prints a systemd unit that runs this
// binary on that data folder, for the operator to save as
// /etc/systemd/system/sangkien.service. fresh says the data folder did not
// exist before the program started: it is removed again, so that the
// service's own account creates it.
func newServiceCommand(app core.App, fresh bool) *cobra.Command {
	opts := serviceOptions{}
	cmd := &cobra.Command{
		Use:          "service",
		Short:        i18n.T("service.command"),
		Example:      "sangkien service --dir /var/lib/sangkien/pb_data --http 0.0.0.0:8090 | sudo tee /etc/systemd/system/sangkien.service",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bin, err := os.Executable()
			if err != nil {
				return err
			}
			if resolved, err := filepath.EvalSymlinks(bin); err == nil {
				bin = resolved
			}
			opts.binary = bin
			if opts.dataDir, err = filepath.Abs(app.DataDir()); err != nil {
				return err
			}
			writeServiceUnit(cmd.OutOrStdout(), opts)
			if fresh {
				if err := app.ResetBootstrapState(); err != nil {
					return err
				}
				return os.RemoveAll(app.DataDir())
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.http, "http", "0.0.0.0:8090", i18n.T("service.flag_http"))
	cmd.Flags().StringVar(&opts.user, "user", "sangkien", i18n.T("service.flag_user"))
	cmd.Flags().StringVar(&opts.envFile, "env-file", "/etc/sangkien/sangkien.env", i18n.T("service.flag_env"))
	return cmd
}

// writeServiceUnit writes the systemd unit: restarted when it stops, after
// the network is up, writing only to the data folder.
func writeServiceUnit(w io.Writer, o serviceOptions) {
	q := systemdQuote
	fmt.Fprintf(w, `# %s
# %s
[Unit]
Description=Sáng kiến cải cách hành chính phường (sangkien)
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=%s
Group=%s
WorkingDirectory=%s
EnvironmentFile=-%s
ExecStart=%s serve --dir %s --http %s
Restart=always
RestartSec=5
LimitNOFILE=8192
NoNewPrivileges=true
PrivateTmp=true
ProtectHome=true
ProtectSystem=strict
ReadWritePaths=%s

[Install]
WantedBy=multi-user.target
`, i18n.T("service.header"), i18n.T("service.header_install"),
		o.user, o.user, q(filepath.Dir(o.dataDir)), o.envFile,
		q(o.binary), q(o.dataDir), o.http, q(filepath.Dir(o.dataDir)))
}

// systemdQuote quotes a path for a unit file when it holds a space.
func systemdQuote(s string) string {
	if !strings.ContainsAny(s, " \t\"") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
