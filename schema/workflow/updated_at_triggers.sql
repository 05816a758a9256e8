-- BEFORE UPDATE triggers using the shared public.set_updated_at().
CREATE TRIGGER trg_agent_checkpoints_set_updated_at
  BEFORE UPDATE ON workflow.agent_checkpoints
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE TRIGGER trg_paused_analyses_set_updated_at
  BEFORE UPDATE ON workflow.paused_analyses
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE TRIGGER trg_batch_pause_operations_set_updated_at
  BEFORE UPDATE ON workflow.batch_pause_operations
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
