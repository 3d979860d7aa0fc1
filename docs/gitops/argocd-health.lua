-- Argo CD health check for atlasoperator.io/v1alpha1 AtlasDatabaseUser.
-- Install as resource.customizations.health.atlasoperator.io_AtlasDatabaseUser in argocd-cm
-- (docs/gitops.md). The operator writes Ready, Reconciling and Stalled conditions (kstatus) and
-- status.observedGeneration; this maps them to Argo CD's health:
--   no status yet, or a spec newer than the operator has seen -> Progressing
--   Ready=True                                                  -> Healthy
--   Stalled=True (waits for a change to the spec or a Secret)   -> Degraded, with Ready's message
--   Reconciling=True (retrying, e.g. Atlas unavailable)         -> Progressing, with its message
--   Held=True (Paused or DryRun, as an annotation/setting asked) -> Suspended, with its message
--   anything else                                               -> Progressing
local hs = {}

local function condition(conditions, type)
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local status = obj.status
local generation = obj.metadata ~= nil and obj.metadata.generation or nil
if status == nil or status.observedGeneration == nil
    or (generation ~= nil and status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator"
  return hs
end

local conditions = status.conditions or {}
local ready = condition(conditions, "Ready")
local stalled = condition(conditions, "Stalled")
local reconciling = condition(conditions, "Reconciling")
local held = condition(conditions, "Held")

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or ready.reason or "Ready"
elseif stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = (ready ~= nil and ready.message) or stalled.message or stalled.reason
      or "Stalled"
elseif held ~= nil and held.status == "True" then
  hs.status = "Suspended"
  hs.message = held.message or held.reason
elseif reconciling ~= nil and reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = reconciling.message or reconciling.reason or "Reconciling"
else
  hs.status = "Progressing"
  hs.message = (ready ~= nil and ready.message) or "Waiting for the operator"
end
return hs
