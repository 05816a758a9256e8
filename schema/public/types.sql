CREATE TYPE public.memory_tier AS ENUM ('l1', 'l2', 'checkpoint');

COMMENT ON TYPE public.memory_tier IS 'Memory tier of a key: l1 = Redis L1 working memory, l2 = Redis L2 cache, checkpoint = Redis checkpoint store.';

CREATE TYPE public.memory_action AS ENUM ('read', 'write', 'delete');

COMMENT ON TYPE public.memory_action IS 'What an agent attempted on a memory key.';
