package benchkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Call sends a request with a JSON body (when not nil) as token and
// decodes a 2xx answer into out (when not nil); any other answer is an
// error carrying its status and body.
func Call(ctx context.Context, client *http.Client, method, url, token string, body, out any) error {
	return CallWith(ctx, client, method, url, token, nil, body, out)
}

// CallWith is Call with more request headers.
func CallWith(ctx context.Context, client *http.Client, method, url, token string, headers map[string]string, body, out any) error {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return Send(client, req, token, out)
}

// Send sends req as token (when not "") and decodes a 2xx answer into out
// (when not nil); any other answer is an error carrying its method, path,
// status and the first 400 bytes of its body.
func Send(client *http.Client, req *http.Request, token string, out any) error {
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		if len(raw) > 400 {
			raw = raw[:400]
		}
		return fmt.Errorf("%s %s: %d %s", req.Method, req.URL.Path, res.StatusCode, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// At is the p-quantile (0 to 1) of sorted, 0 when it is empty.
func At(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

// Ms writes d in milliseconds, with a tenth below 10 ms.
func Ms(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
