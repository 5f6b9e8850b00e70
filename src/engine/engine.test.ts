import { describeEngineContract } from './engine.contract';
import { createMemoryStorage } from './storage/memory';

describeEngineContract('memory', async () => createMemoryStorage());
