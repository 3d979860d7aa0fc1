// Computes Flux's view of a resource: kstatus (sigs.k8s.io/cli-utils/pkg/kstatus/status), the
// library Flux's kustomize-controller and helm-controller use for health checks and `wait: true`.
// Reads one object as JSON or YAML from each file named on the command line (stdin when none) and
// prints, per object, one JSON line: {"file": ..., "status": "Current|InProgress|Failed|...",
// "message": ...}. Exits non-zero when an object cannot be read or its status not computed.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/yaml"
)

func compute(name string, in io.Reader) error {
	data, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	// As the API server's JSON, numbers as int64 (as client-go decodes them for Flux), not float64.
	data, err = yaml.YAMLToJSON(data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	object := &unstructured.Unstructured{}
	if err := object.UnmarshalJSON(data); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	result, err := status.Compute(object)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	line, _ := json.Marshal(map[string]string{
		"file":    name,
		"status":  result.Status.String(),
		"message": result.Message,
	})
	fmt.Println(string(line))
	return nil
}

func main() {
	files := os.Args[1:]
	if len(files) == 0 {
		if err := compute("-", os.Stdin); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err == nil {
			err = compute(name, f)
			f.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
