{{- define "atlas-operator.labels" -}}
app.kubernetes.io/name: atlas-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selects the operator's pods: the Deployment's selector (immutable), the PDB's, the Service's. */}}
{{- define "atlas-operator.selectorLabels" -}}
app.kubernetes.io/name: atlas-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The operator's rules, the same as operator/rbac.yaml's ClusterRole. */}}
{{- define "atlas-operator.rules" -}}
- apiGroups: ["atlasoperator.io"]
  resources: ["atlasdatabaseusers"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["atlasoperator.io"]
  resources: ["atlasdatabaseusers/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["atlasoperator.io"]
  resources: ["atlasdatabaseusers/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  {{- /* create, update, delete: the connection Secrets, only those labelled and owned */}}
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "patch"]
{{- end }}

{{/* Leader election on the Lease "atlas-operator" in the release namespace, the same as
operator/rbac.yaml's Role. A create cannot be limited to a name (the object does not exist yet);
reading and renewing are limited to the operator's own Lease. The Kubernetes client renews and
releases the Lease with a PATCH (patch); JOSDK refuses to start without get, create and update. */}}
{{- define "atlas-operator.leaseRules" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["create"]
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  resourceNames: ["atlas-operator"]
  verbs: ["get", "update", "patch"]
{{- end }}

{{/* What people who write AtlasDatabaseUsers need (aggregated into admin and edit), and what
readers need (aggregated into view): the resources and their status, nothing else. */}}
{{- define "atlas-operator.editRules" -}}
- apiGroups: ["atlasoperator.io"]
  resources: ["atlasdatabaseusers"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
- apiGroups: ["atlasoperator.io"]
  resources: ["atlasdatabaseusers/status"]
  verbs: ["get", "list", "watch"]
{{- end }}

{{- define "atlas-operator.viewRules" -}}
- apiGroups: ["atlasoperator.io"]
  resources: ["atlasdatabaseusers", "atlasdatabaseusers/status"]
  verbs: ["get", "list", "watch"]
{{- end }}
