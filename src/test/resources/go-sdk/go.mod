module atlasoperator.local/gosdkcheck

go 1.25.0

require go.mongodb.org/atlas-sdk/v20250312023 v20250312023.0.0

require (
	github.com/mongodb-forks/digest v1.1.0 // indirect
	golang.org/x/oauth2 v0.36.0 // indirect
)
