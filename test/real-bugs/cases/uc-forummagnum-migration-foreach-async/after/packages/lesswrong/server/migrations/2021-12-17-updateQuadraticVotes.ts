import { registerMigration } from './migrationUtils';
import { Votes } from '../../lib/collections/votes';
import { ReviewVotes } from '../../lib/collections/reviewVotes';

const QUADRATIC_COSTS = [0, 1, 4, 9, 16, 25];

function costOf(quadraticScore: number): number {
  return QUADRATIC_COSTS[Math.min(Math.abs(quadraticScore), QUADRATIC_COSTS.length - 1)];
}

registerMigration({
  name: 'updateQuadraticVotes',
  dateWritten: '2021-12-17',
  idempotent: true,
  action: async () => {
    const votes = await ReviewVotes.find({ year: '2020', qualitativeScore: { $exists: true } }).fetch();
    for (const vote of votes) {
      const quadraticScore = vote.qualitativeScore - 4;
      await ReviewVotes.rawUpdateOne({ _id: vote._id }, { $set: { quadraticScore, cost: costOf(quadraticScore) } });
      await Votes.rawUpdateMany({ documentId: vote.postId, userId: vote.userId, voteType: 'review' }, { $set: { power: quadraticScore } });
    }
  },
});
