module atlasoperator.local/goclientcheck

go 1.22

require (
	github.com/mongodb-forks/digest v1.1.0
	go.mongodb.org/atlas v0.38.0
)
