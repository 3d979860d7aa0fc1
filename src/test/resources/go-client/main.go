// Drives MongoDB's own v1.0 Go client (go.mongodb.org/atlas) through the databaseUsers resource
// of the Atlas emulator: create, get, list, update and delete, for a SCRAM user and an LDAP group,
// as a user's own tooling would. Prints one JSON line per step; exits non-zero on the first error.
// Environment: ATLAS_URL, ATLAS_PUBLIC_KEY, ATLAS_PRIVATE_KEY, ATLAS_PROJECT.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	digest "github.com/mongodb-forks/digest"
	"go.mongodb.org/atlas/mongodbatlas"
)

func step(name string, value interface{}, err error) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s failed: %v\n", name, err)
		os.Exit(1)
	}
	out, _ := json.Marshal(map[string]interface{}{"step": name, "result": value})
	fmt.Println(string(out))
}

func main() {
	transport := digest.NewTransport(os.Getenv("ATLAS_PUBLIC_KEY"), os.Getenv("ATLAS_PRIVATE_KEY"))
	httpClient, err := transport.Client()
	step("transport", "digest", err)
	client, err := mongodbatlas.New(httpClient, mongodbatlas.SetBaseURL(os.Getenv("ATLAS_URL")))
	step("client", "v1.0", err)
	ctx := context.Background()
	project := os.Getenv("ATLAS_PROJECT")

	scram := &mongodbatlas.DatabaseUser{
		Username:     "go-app",
		Password:     "go-client-password",
		DatabaseName: "admin",
		GroupID:      project,
		Roles:        []mongodbatlas.Role{{RoleName: "readWrite", DatabaseName: "orders"}},
		Labels:       []mongodbatlas.Label{{Key: "team", Value: "payments"}},
	}
	created, _, err := client.DatabaseUsers.Create(ctx, project, scram)
	step("create", created, err)

	group := &mongodbatlas.DatabaseUser{
		Username:     "CN=analysts,OU=groups,DC=example,DC=com",
		LDAPAuthType: "GROUP",
		DatabaseName: "admin",
		GroupID:      project,
		Roles:        []mongodbatlas.Role{{RoleName: "readAnyDatabase", DatabaseName: "admin"}},
	}
	createdGroup, _, err := client.DatabaseUsers.Create(ctx, project, group)
	step("create-ldap-group", createdGroup, err)

	got, _, err := client.DatabaseUsers.Get(ctx, "admin", project, "go-app")
	step("get", got, err)

	update := &mongodbatlas.DatabaseUser{
		DatabaseName: "admin",
		GroupID:      project,
		Roles:        []mongodbatlas.Role{{RoleName: "read", DatabaseName: "orders", CollectionName: "invoices"}},
		Scopes:       []mongodbatlas.Scope{{Name: "cluster0", Type: "CLUSTER"}},
	}
	updated, _, err := client.DatabaseUsers.Update(ctx, project, "go-app", update)
	step("update", updated, err)

	users, _, err := client.DatabaseUsers.List(ctx, project, &mongodbatlas.ListOptions{PageNum: 1, ItemsPerPage: 100})
	step("list", users, err)

	_, err = client.DatabaseUsers.Delete(ctx, "admin", project, "go-app")
	step("delete", "go-app", err)

	_, _, err = client.DatabaseUsers.Get(ctx, "admin", project, "go-app")
	if errorResponse, ok := err.(*mongodbatlas.ErrorResponse); ok {
		step("get-deleted", map[string]interface{}{"status": errorResponse.HTTPCode, "errorCode": errorResponse.ErrorCode}, nil)
	} else {
		step("get-deleted", "expected an Atlas error answer", fmt.Errorf("got %v", err))
	}
}
