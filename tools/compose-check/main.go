// compose-check loads Compose files the way Docker Compose does (compose-go: schema validation,
// interpolation with `${VAR:?message}` errors, normalisation, consistency checks such as depends_on
// naming a real service) and prints the resulting project as JSON, so the tests can assert on what
// `docker compose up` would actually run without needing a Docker daemon.
//
//	compose-check [-C dir] file.yml [override.yml…]   (variables come from the process environment)
//
// Exit code 0 with the project on stdout, or 1 with the loader's error on stderr.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	dir := flag.String("C", "", "project directory (default: the first file's directory)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-check [-C dir] docker-compose.yml [more files…]")
		os.Exit(2)
	}
	// No .env discovery (WithDotEnv): a developer's local .env would otherwise change what the tests
	// see; the caller passes the variables it means explicitly.
	opts, err := cli.NewProjectOptions(flag.Args(),
		cli.WithOsEnv,
		cli.WithWorkingDirectory(*dir),
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithResolvedPaths(true),
	)
	fail(err)
	project, err := opts.LoadProject(context.Background())
	fail(err)
	out, err := project.MarshalJSON()
	fail(err)
	fmt.Println(string(out))
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
