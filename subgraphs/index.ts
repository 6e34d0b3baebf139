import type { SubgraphName } from '../shared/config.ts';
import type { SubgraphService } from '../shared/service.ts';
import { employmentService } from './employment/index.ts';
import { jointService } from './joint/index.ts';
import { kelaService } from './kela/index.ts';
import { wellbeingService } from './wellbeing/index.ts';

export const SUBGRAPH_SERVICES: Record<SubgraphName, SubgraphService> = {
  joint: jointService,
  employment: employmentService,
  wellbeing: wellbeingService,
  kela: kelaService,
};
