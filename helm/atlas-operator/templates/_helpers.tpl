{{- define "atlas-operator.labels" -}}
app.kubernetes.io/name: atlas-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
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
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "patch"]
{{- end }}
