{{/* vim: set filetype=mustache: */}}

{{- define "mediagate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mediagate.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "mediagate.managementName" -}}
{{- printf "%s-management" (include "mediagate.fullname" . | trunc 52 | trimSuffix "-") -}}
{{- end -}}

{{- define "mediagate.redisName" -}}
{{- printf "%s-redis" (include "mediagate.fullname" . | trunc 57 | trimSuffix "-") -}}
{{- end -}}

{{- define "mediagate.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mediagate.labels" -}}
helm.sh/chart: {{ include "mediagate.chart" . }}
{{ include "mediagate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mediagate
{{- end -}}

{{- define "mediagate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mediagate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end -}}

{{/* Labels of the `helm test` pod, admitted by the NetworkPolicy. */}}
{{- define "mediagate.testSelectorLabels" -}}
app.kubernetes.io/name: {{ include "mediagate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
{{- end -}}

{{- define "mediagate.redisSelectorLabels" -}}
app.kubernetes.io/name: {{ include "mediagate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end -}}

{{- define "mediagate.redisLabels" -}}
helm.sh/chart: {{ include "mediagate.chart" . }}
{{ include "mediagate.redisSelectorLabels" . }}
app.kubernetes.io/version: {{ .Values.redis.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mediagate
{{- end -}}

{{- define "mediagate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mediagate.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "mediagate.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion | toString -}}
{{- /* the production image has no simulators: demo mode runs the demo image, built with JAR=mediagate-gateway-demo.jar */ -}}
{{- if and .Values.demo.enabled (not (hasSuffix "-demo" $tag)) -}}
{{- $tag = printf "%s-demo" $tag -}}
{{- end -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
Env var name for a secret: MEDIAGATE_<PARTS...>, upper-cased, every char outside
A-Z0-9 replaced by "_". Argument: a list of name parts.
*/}}
{{- define "mediagate.envName" -}}
{{- regexReplaceAll "[^A-Z0-9]" (join "_" . | upper) "_" -}}
{{- end -}}

{{/*
Effective minimum replica count (drives the PodDisruptionBudget).
*/}}
{{- define "mediagate.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}
{{- .Values.autoscaling.minReplicas | int -}}
{{- else -}}
{{- .Values.replicaCount | int -}}
{{- end -}}
{{- end -}}

{{/*
Replica count used for the quota fallback when Redis is unreachable
(mediagate.cluster.replicas): the largest number of pods that may run at once.
*/}}
{{- define "mediagate.clusterReplicas" -}}
{{- if gt (int .Values.mediagate.cluster.replicas) 0 -}}
{{- .Values.mediagate.cluster.replicas | int -}}
{{- else if .Values.autoscaling.enabled -}}
{{- .Values.autoscaling.maxReplicas | int -}}
{{- else -}}
{{- .Values.replicaCount | int -}}
{{- end -}}
{{- end -}}

{{/*
The Redis URL rendered into mediagate.cluster.redis-url ("" = no cluster mode).
*/}}
{{- define "mediagate.redisUrl" -}}
{{- if .Values.redis.enabled -}}
{{- printf "redis://%s:%d" (include "mediagate.redisName" .) (int .Values.redis.port) -}}
{{- else if .Values.externalRedis.existingSecret -}}
${MEDIAGATE_CLUSTER_REDIS_URL}
{{- else if .Values.externalRedis.url -}}
{{- .Values.externalRedis.url -}}
{{- end -}}
{{- end -}}

{{/*
Resolve one secret-ish entry. Argument: dict with
  root (the chart context), spec (the values object), path (for messages), env (env var name),
  allowPlain (bool).
Returns JSON: {"mode":"plain","plain":...} or
              {"mode":"secret","env":...,"secretName":...,"secretKey":...,"value":...,"chartSecret":bool}
*/}}
{{- define "mediagate.resolveEntry" -}}
{{- $root := .root -}}
{{- $spec := .spec -}}
{{- $path := .path -}}
{{- if not (kindIs "map" $spec) -}}
{{- fail (printf "%s: must be an object ({}, {secretKey: ...}, {secretName: ...}, {value: ...} or {plain: ...}); secrets are never written into values as bare strings" $path) -}}
{{- end -}}
{{- if hasKey $spec "plain" -}}
{{- if not .allowPlain -}}
{{- fail (printf "%s: `plain` is not allowed here (client key hashes always come from a Secret)" $path) -}}
{{- end -}}
{{- if or (hasKey $spec "value") (hasKey $spec "secretKey") (hasKey $spec "secretName") -}}
{{- fail (printf "%s: `plain` cannot be combined with value/secretKey/secretName" $path) -}}
{{- end -}}
{{- dict "mode" "plain" "plain" (toString $spec.plain) | toJson -}}
{{- else if hasKey $spec "value" -}}
{{- if hasKey $spec "secretName" -}}
{{- fail (printf "%s: `value` goes into the chart-created Secret and cannot be combined with `secretName`" $path) -}}
{{- end -}}
{{- dict "mode" "secret" "env" .env "secretName" (include "mediagate.fullname" $root) "secretKey" (default .env $spec.secretKey) "value" (toString $spec.value) "chartSecret" true | toJson -}}
{{- else -}}
{{- $secretName := default $root.Values.secrets.existingSecret $spec.secretName -}}
{{- if not $secretName -}}
{{- fail (printf "%s: no Secret to read it from: set secrets.existingSecret (recommended), or secretName or value on this entry (env var %s)" $path .env) -}}
{{- end -}}
{{- dict "mode" "secret" "env" .env "secretName" $secretName "secretKey" (default .env $spec.secretKey) "chartSecret" false | toJson -}}
{{- end -}}
{{- end -}}

{{/*
All secret-backed entries (connections' credentials, clients' key hashes, redis url).
Returns JSON {"entries":[...]} of resolved secret entries (mode=secret only); fails on
duplicate env var names.
*/}}
{{- define "mediagate.secretEntries" -}}
{{- $root := . -}}
{{- $entries := list -}}
{{- $seen := dict -}}
{{- range $id, $conn := .Values.mediagate.connections -}}
{{- range $name, $spec := ($conn.credentials | default dict) -}}
{{- $env := include "mediagate.envName" (list "MEDIAGATE_CONN" $id $name) -}}
{{- $e := include "mediagate.resolveEntry" (dict "root" $root "spec" $spec "path" (printf "mediagate.connections.%s.credentials.%s" $id $name) "env" $env "allowPlain" true) | fromJson -}}
{{- if eq $e.mode "secret" -}}
{{- if hasKey $seen $env -}}
{{- fail (printf "mediagate.connections.%s.credentials.%s: env var %s is already used by %s; rename one of them" $id $name $env (get $seen $env)) -}}
{{- end -}}
{{- $_ := set $seen $env (printf "mediagate.connections.%s.credentials.%s" $id $name) -}}
{{- $entries = append $entries $e -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $i, $client := .Values.mediagate.clients -}}
{{- $env := include "mediagate.envName" (list "MEDIAGATE_CLIENT" $client.id "KEY_SHA256") -}}
{{- $spec := get $client "key-sha256" | default dict -}}
{{- $path := printf "mediagate.clients[%d].key-sha256 (client %s)" $i $client.id -}}
{{- $e := include "mediagate.resolveEntry" (dict "root" $root "spec" $spec "path" $path "env" $env "allowPlain" false) | fromJson -}}
{{- if hasKey $seen $env -}}
{{- fail (printf "%s: env var %s is already used by %s; client ids must be unique" $path $env (get $seen $env)) -}}
{{- end -}}
{{- $_ := set $seen $env $path -}}
{{- $entries = append $entries $e -}}
{{- end -}}
{{- if and (not .Values.redis.enabled) .Values.externalRedis.existingSecret -}}
{{- $entries = append $entries (dict "mode" "secret" "env" "MEDIAGATE_CLUSTER_REDIS_URL" "secretName" .Values.externalRedis.existingSecret "secretKey" .Values.externalRedis.existingSecretKey "chartSecret" false) -}}
{{- end -}}
{{- dict "entries" $entries | toJson -}}
{{- end -}}

{{/*
The application.yaml rendered into the ConfigMap. Secrets appear only as ${ENV} placeholders.
*/}}
{{- define "mediagate.applicationConfig" -}}
{{- $root := . -}}
{{- $mg := dict -}}
{{- /* clients */ -}}
{{- if .Values.mediagate.clients -}}
{{- $clients := list -}}
{{- range $i, $client := .Values.mediagate.clients -}}
{{- $c := omit (deepCopy $client) "key-sha256" -}}
{{- $env := include "mediagate.envName" (list "MEDIAGATE_CLIENT" $client.id "KEY_SHA256") -}}
{{- $_ := set $c "key-sha256" (printf "${%s}" $env) -}}
{{- $clients = append $clients $c -}}
{{- end -}}
{{- $_ := set $mg "clients" $clients -}}
{{- end -}}
{{- /* defaults */ -}}
{{- if .Values.mediagate.defaults -}}
{{- $_ := set $mg "defaults" (deepCopy .Values.mediagate.defaults) -}}
{{- end -}}
{{- /* connections */ -}}
{{- if .Values.mediagate.connections -}}
{{- $conns := dict -}}
{{- range $id, $conn := .Values.mediagate.connections -}}
{{- $c := omit (deepCopy $conn) "credentials" -}}
{{- if $conn.credentials -}}
{{- $creds := dict -}}
{{- range $name, $spec := $conn.credentials -}}
{{- $env := include "mediagate.envName" (list "MEDIAGATE_CONN" $id $name) -}}
{{- $e := include "mediagate.resolveEntry" (dict "root" $root "spec" $spec "path" (printf "mediagate.connections.%s.credentials.%s" $id $name) "env" $env "allowPlain" true) | fromJson -}}
{{- if eq $e.mode "plain" -}}
{{- $_ := set $creds $name $e.plain -}}
{{- else -}}
{{- $_ := set $creds $name (printf "${%s}" $env) -}}
{{- end -}}
{{- end -}}
{{- $_ := set $c "credentials" $creds -}}
{{- end -}}
{{- $_ := set $conns $id $c -}}
{{- end -}}
{{- $_ := set $mg "connections" $conns -}}
{{- end -}}
{{- /* cluster */ -}}
{{- $cluster := dict "replicas" (include "mediagate.clusterReplicas" . | int) -}}
{{- $redisUrl := include "mediagate.redisUrl" . -}}
{{- if $redisUrl -}}
{{- $_ := set $cluster "redis-url" $redisUrl -}}
{{- end -}}
{{- $_ := set $mg "cluster" $cluster -}}
{{- /* Spring settings owned by the chart */ -}}
{{- $chartCfg := dict
  "server" (dict "port" (int .Values.gateway.port) "shutdown" "graceful")
  "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int .Values.gateway.shutdownTimeoutSeconds))))
  "management" (dict "server" (dict "port" (int .Values.gateway.managementPort)) "endpoint" (dict "health" (dict "probes" (dict "enabled" true))))
  "mediagate" $mg -}}
{{- $cfg := mergeOverwrite (deepCopy .Values.extraConfig) $chartCfg -}}
{{- toYaml $cfg -}}
{{- end -}}

{{/*
Reactor Netty event loops from the CPU limit ("" = leave the default).
*/}}
{{- define "mediagate.ioWorkerCount" -}}
{{- $v := .Values.gateway.ioWorkerCount | toString -}}
{{- if eq $v "auto" -}}
{{- $cpu := "" -}}
{{- if and .Values.resources .Values.resources.limits -}}
{{- $cpu = .Values.resources.limits.cpu | default "" | toString -}}
{{- end -}}
{{- if $cpu -}}
{{- if hasSuffix "m" $cpu -}}
{{- max 1 (div (add (trimSuffix "m" $cpu | int) 999) 1000) -}}
{{- else -}}
{{- max 1 (ceil ($cpu | float64) | int) -}}
{{- end -}}
{{- end -}}
{{- else if and $v (ne $v "0") -}}
{{- $v | int -}}
{{- end -}}
{{- end -}}

{{- define "mediagate.javaToolOptions" -}}
{{- $opts := list (printf "-XX:MaxRAMPercentage=%v" .Values.gateway.jvm.maxRamPercentage) "-XX:+ExitOnOutOfMemoryError" "-Djava.io.tmpdir=/tmp" -}}
{{- /* the image's footprint caps (gateway/Dockerfile): small stacks, code cache, a metaspace leak ceiling, and
       freed native memory handed back to the OS */ -}}
{{- $opts = concat $opts (list "-Xss512k" "-XX:ReservedCodeCacheSize=64m" "-XX:MaxMetaspaceSize=256m" "-XX:TrimNativeHeapInterval=2000") -}}
{{- /* the image's GC: its start-up cache was made with it ("" = the JVM's own choice) */ -}}
{{- if .Values.gateway.jvm.gc -}}
{{- $opts = append $opts (printf "-XX:+Use%s" .Values.gateway.jvm.gc) -}}
{{- end -}}
{{- /* the image's generated start-up code (Spring AOT; the image was built with it) */ -}}
{{- if .Values.gateway.jvm.springAot -}}
{{- $opts = append $opts "-Dspring.aot.enabled=true" -}}
{{- end -}}
{{- $io := include "mediagate.ioWorkerCount" . -}}
{{- if $io -}}
{{- $opts = append $opts (printf "-Dreactor.netty.ioWorkerCount=%s" $io) -}}
{{- end -}}
{{- if .Values.gateway.jvm.extraOptions -}}
{{- $opts = append $opts .Values.gateway.jvm.extraOptions -}}
{{- end -}}
{{- join " " $opts -}}
{{- end -}}

{{- define "mediagate.terminationGracePeriodSeconds" -}}
{{- $min := add (int .Values.gateway.preStopSleepSeconds) (int .Values.gateway.shutdownTimeoutSeconds) -}}
{{- $set := int .Values.gateway.terminationGracePeriodSeconds -}}
{{- if gt $set 0 -}}
{{- if le $set $min -}}
{{- fail (printf "gateway.terminationGracePeriodSeconds (%d) must be larger than gateway.preStopSleepSeconds + gateway.shutdownTimeoutSeconds (%d), or 0 to derive it" $set $min) -}}
{{- end -}}
{{- $set -}}
{{- else -}}
{{- add $min 10 -}}
{{- end -}}
{{- end -}}

{{- define "mediagate.springProfiles" -}}
{{- $p := list -}}
{{- if .Values.demo.enabled -}}
{{- $p = append $p "demo" -}}
{{- end -}}
{{- $p = concat $p .Values.springProfiles -}}
{{- join "," $p -}}
{{- end -}}

{{/* NetworkPolicy egress rules from a list of {cidr, except, ports}. */}}
{{- define "mediagate.ipBlockRules" -}}
{{- range . }}
- to:
    - ipBlock:
        cidr: {{ .cidr }}
        {{- with .except }}
        except:
          {{- toYaml . | nindent 10 }}
        {{- end }}
  ports:
    {{- range (.ports | default (list 443)) }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
{{- end }}
{{- end -}}
