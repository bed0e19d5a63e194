package czsim

import (
	"net/http"
	"strings"
)

// route maps a method and a path below serverLocation to its endpoint. Path
// segments and methods match without regard to case, as the real service
// accepts getServerDefinition and GetServerDefinition, data/objects and
// data/Objects alike. Every emulated route is listed here.
func route(method string, segs []string) (endpoint, *apiError) {
	method = strings.ToUpper(method)
	lower := make([]string, len(segs))
	for i, s := range segs {
		lower[i] = strings.ToLower(s)
	}
	path := "/" + strings.Join(segs, "/")
	if len(lower) < 2 {
		return endpoint{}, unknownEndpoint(method, path)
	}
	group, name := lower[0], lower[1]

	var methods string // the verbs the endpoint accepts, space-separated
	var ep endpoint
	switch group + "/" + name {
	case "authentication/getserverdefinition":
		methods, ep = "GET POST", endpoint{handle: handleGetServerDefinition, public: true, auth: true}
	case "authentication/login":
		methods, ep = "POST", endpoint{handle: handleLogin, public: true, auth: true}
	case "authentication/logout":
		methods, ep = "GET POST", endpoint{handle: handleLogout, auth: true}
	case "authentication/getsessioninfo":
		methods, ep = "GET POST", endpoint{handle: handleGetSessionInfo, auth: true}

	case "data/objects":
		if len(lower) > 4 {
			return endpoint{}, unknownEndpoint(method, path)
		}
		methods = "GET PUT POST DELETE"
		ep = endpoint{handle: handleObjects, write: method != http.MethodGet}
	case "data/createandretrieve":
		methods, ep = "POST PUT", endpoint{handle: handleCreateAndRetrieve, write: true}
	case "data/retrievemultiple":
		methods, ep = "GET POST", endpoint{handle: handleRetrieveMultiple}
	case "data/upsert":
		methods, ep = "POST PUT", endpoint{handle: handleUpsert, write: true}
	case "data/changestate":
		methods, ep = "POST", endpoint{handle: handleChangeState, write: true}
	case "data/lifecycle":
		methods, ep = "POST", endpoint{handle: handleLifecycle, write: true}
	case "data/query":
		methods, ep = "GET POST", endpoint{handle: handleQuery}
	case "data/entityquery":
		methods, ep = "GET POST", endpoint{handle: handleEntityQuery}
	case "data/relationquery":
		methods, ep = "GET POST", endpoint{handle: handleRelationQuery}
	case "data/countquery":
		methods, ep = "GET POST", endpoint{handle: handleCountQuery}
	case "data/search":
		methods, ep = "GET POST", endpoint{handle: handleSearch}
	case "data/creatediscussion":
		methods, ep = "POST PUT", endpoint{handle: handleCreateDiscussion, write: true}
	case "data/entityfeedquery":
		methods, ep = "GET POST", endpoint{handle: handleEntityFeedQuery}
	case "data/repliesquery":
		methods, ep = "GET POST", endpoint{handle: handleRepliesQuery}
	case "data/newsfeedquery":
		methods, ep = "GET POST", endpoint{handle: handleNewsFeedQuery}
	case "data/createfromtemplate":
		methods, ep = "POST PUT", endpoint{handle: handleCreateFromTemplate, write: true}
	case "data/gettemplatedescriptions":
		methods, ep = "GET POST", endpoint{handle: handleGetTemplateDescriptions}

	case "metadata/listentities":
		methods, ep = "GET POST", endpoint{handle: handleListEntities}
	case "metadata/describeentities":
		methods, ep = "GET POST", endpoint{handle: handleDescribeEntities}
	case "metadata/describemetadata":
		methods, ep = "GET POST", endpoint{handle: handleDescribeMetadata}
	case "metadata/describeentityrelations":
		methods, ep = "GET POST", endpoint{handle: handleDescribeEntityRelations}

	case "bulk/execute":
		methods, ep = "POST", endpoint{handle: handleBulk, write: true}
	default:
		return endpoint{}, unknownEndpoint(method, path)
	}
	if len(lower) > 2 && group+"/"+name != "data/objects" {
		return endpoint{}, unknownEndpoint(method, path)
	}
	for _, m := range strings.Fields(methods) {
		if m == method {
			return ep, nil
		}
	}
	return endpoint{}, &apiError{Status: http.StatusMethodNotAllowed, Code: codeInvalidOperation,
		Message: method + " is not allowed on " + path + "; use " + strings.ReplaceAll(methods, " ", " or ")}
}

func unknownEndpoint(method, path string) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: codeInvalidOperation,
		Message: "unknown endpoint " + method + " " + servicesPrefix + path}
}

// controlRoute maps a test control request under /__sim/ to its handler.
func controlRoute(method string, segs []string) (controlHandler, *apiError) {
	method = strings.ToUpper(method)
	name := ""
	if len(segs) > 0 {
		name = strings.ToLower(segs[0])
	}
	switch {
	case name == "info" && len(segs) == 1 && method == http.MethodGet:
		return controlInfo, nil
	case name == "faults" && len(segs) == 1 && method == http.MethodPost:
		return controlAddFault, nil
	case name == "faults" && len(segs) == 1 && method == http.MethodDelete:
		return controlClearFaults, nil
	case name == "latency" && len(segs) == 1 && method == http.MethodPost:
		return controlLatency, nil
	case name == "expire-sessions" && len(segs) == 1 && method == http.MethodPost:
		return controlExpireSessions, nil
	case name == "objects" && len(segs) == 2 && method == http.MethodGet:
		return controlListObjects, nil
	case name == "objects" && len(segs) == 2 && method == http.MethodPost:
		return controlCreateObject, nil
	case name == "objects" && len(segs) == 3 && method == http.MethodGet:
		return controlGetObject, nil
	case name == "objects" && len(segs) == 3 && method == http.MethodPatch:
		return controlUpdateObject, nil
	case name == "objects" && len(segs) == 3 && method == http.MethodDelete:
		return controlDeleteObject, nil
	}
	return nil, &apiError{Status: http.StatusNotFound, Code: codeInvalidOperation,
		Message: "unknown test control " + method + " /__sim/" + strings.Join(segs, "/")}
}
