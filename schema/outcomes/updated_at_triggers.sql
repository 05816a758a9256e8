-- BEFORE UPDATE triggers using the shared public.set_updated_at().
-- outcomes.predictions has none on purpose: predictions are immutable.
CREATE TRIGGER trg_actuals_set_updated_at
  BEFORE UPDATE ON outcomes.actuals
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE TRIGGER trg_prediction_outcomes_set_updated_at
  BEFORE UPDATE ON outcomes.prediction_outcomes
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

CREATE TRIGGER trg_lessons_learned_set_updated_at
  BEFORE UPDATE ON outcomes.lessons_learned
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
