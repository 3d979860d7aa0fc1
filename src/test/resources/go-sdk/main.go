// Checks the Atlas emulator with MongoDB's own v2 Go SDK (go.mongodb.org/atlas-sdk), the version
// MongoDB's Kubernetes operator builds with: it authenticates with a service account through the
// SDK's auth/clientcredentials (AUTH=sa) or with an API key through its Digest option
// (AUTH=digest), then makes the operator's database-user calls. Prints one JSON line per step:
// {"step": ..., "status": HTTP status, "errorCode": ..., "result": ...}. Exits 1 on a transport
// failure; API errors are results, checked by GoSdkCompatibilityIT.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"

	"go.mongodb.org/atlas-sdk/v20250312023/admin"
	"go.mongodb.org/atlas-sdk/v20250312023/auth/clientcredentials"
)

func main() {
	ctx := context.Background()
	base := strings.TrimSuffix(os.Getenv("ATLAS_URL"), "/")
	project := os.Getenv("ATLAS_PROJECT")
	cluster := os.Getenv("ATLAS_CLUSTER")
	flex := os.Getenv("ATLAS_FLEX_CLUSTER")

	modifiers := []admin.ClientModifier{admin.UseBaseURL(base)}
	if os.Getenv("AUTH") == "digest" {
		modifiers = append(modifiers, admin.UseDigestAuth(os.Getenv("ATLAS_PUBLIC_KEY"), os.Getenv("ATLAS_PRIVATE_KEY")))
	} else {
		config := clientcredentials.NewConfig(os.Getenv("ATLAS_CLIENT_ID"), os.Getenv("ATLAS_CLIENT_SECRET"))
		config.TokenURL = base + clientcredentials.TokenAPIPath
		config.RevokeURL = base + clientcredentials.RevokeAPIPath
		modifiers = append(modifiers, admin.UseHTTPClient(config.Client(ctx)))
	}
	sdk, err := admin.NewClient(modifiers...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		os.Exit(1)
	}

	group, resp, err := sdk.ProjectsAPI.GetGroup(ctx, project).Execute()
	report("getGroup", group, resp, err)
	byName, resp, err := sdk.ProjectsAPI.GetGroupByName(ctx, group.GetName()).Execute()
	report("getGroupByName", byName, resp, err)

	// Scope checks: flex first, then the clusters API (the operator's order).
	f, resp, err := sdk.FlexClustersAPI.GetFlexCluster(ctx, project, cluster).Execute()
	report("getFlexCluster-of-cluster", f, resp, err)
	c, resp, err := sdk.ClustersAPI.GetCluster(ctx, project, cluster).Execute()
	report("getCluster", c, resp, err)
	f, resp, err = sdk.FlexClustersAPI.GetFlexCluster(ctx, project, flex).Execute()
	report("getFlexCluster", f, resp, err)

	u, resp, err := sdk.DatabaseUsersAPI.GetDatabaseUser(ctx, project, "admin", "go-sdk-app").Execute()
	report("get-missing", u, resp, err)
	user := admin.CloudDatabaseUser{
		DatabaseName: "admin",
		GroupId:      project,
		Username:     "go-sdk-app",
		Password:     admin.PtrString("s3cret-pass-go"),
		Description:  admin.PtrString("made by atlas-sdk-go"),
		Roles:        []admin.DatabaseUserRole{{RoleName: "readWrite", DatabaseName: "orders"}},
		Scopes:       &[]admin.UserScope{{Name: cluster, Type: "CLUSTER"}},
		Labels:       &[]admin.ComponentLabel{{Key: admin.PtrString("team"), Value: admin.PtrString("payments")}},
	}
	u, resp, err = sdk.DatabaseUsersAPI.CreateDatabaseUser(ctx, project, &user).Execute()
	report("create", u, resp, err)
	u, resp, err = sdk.DatabaseUsersAPI.GetDatabaseUser(ctx, project, "admin", "go-sdk-app").Execute()
	report("get", u, resp, err)
	update := admin.CloudDatabaseUser{
		DatabaseName: "admin",
		GroupId:      project,
		Username:     "go-sdk-app",
		Roles:        []admin.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders", CollectionName: admin.PtrString("invoices")}},
	}
	u, resp, err = sdk.DatabaseUsersAPI.UpdateDatabaseUser(ctx, project, "admin", "go-sdk-app", &update).Execute()
	report("update", u, resp, err)

	clusters, resp, err := sdk.ClustersAPI.ListClusters(ctx, project).Execute()
	report("listClusters", clusters, resp, err)
	flexes, resp, err := sdk.FlexClustersAPI.ListFlexClusters(ctx, project).Execute()
	report("listFlexClusters", flexes, resp, err)
	status, resp, err := sdk.ClustersAPI.GetClusterStatus(ctx, project, cluster).Execute()
	report("getClusterStatus", status, resp, err)

	resp, err = sdk.DatabaseUsersAPI.DeleteDatabaseUser(ctx, project, "admin", "go-sdk-app").Execute()
	report("delete", nil, resp, err)
	u, resp, err = sdk.DatabaseUsersAPI.GetDatabaseUser(ctx, project, "admin", "go-sdk-app").Execute()
	report("get-deleted", u, resp, err)
}

// report prints one step; an API error is a result (its errorCode), a transport failure ends it.
func report(step string, result any, resp *http.Response, err error) {
	line := map[string]any{"step": step}
	if resp != nil {
		line["status"] = resp.StatusCode
		line["contentType"] = resp.Header.Get("Content-Type")
	}
	if err != nil {
		apiErr, ok := admin.AsError(err)
		if !ok {
			fmt.Fprintln(os.Stderr, step+":", err)
			os.Exit(1)
		}
		line["errorCode"] = apiErr.GetErrorCode()
	} else if result != nil {
		line["result"] = result
	}
	out, _ := json.Marshal(line)
	fmt.Println(string(out))
}
