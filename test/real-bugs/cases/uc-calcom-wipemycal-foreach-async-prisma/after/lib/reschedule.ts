import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

declare function sendRequestRescheduleEmail(uid: string, reason: string): Promise<void>;
declare const logger: { error(message: string): void };

export async function reschedule(userId: number, start: Date, end: Date) {
  const bookingRefsFiltered = await prisma.booking.findMany({
    where: { userId, startTime: { gte: start }, endTime: { lte: end }, status: 'ACCEPTED' },
    select: { id: true, uid: true },
  });
  try {
    for (const bookingRef of bookingRefsFiltered) {
      await prisma.booking.update({ where: { id: bookingRef.id }, data: { status: 'CANCELLED', rescheduled: false } });
      await sendRequestRescheduleEmail(bookingRef.uid, 'wipe-my-cal');
    }
  } catch (error) {
    if (error instanceof Error) logger.error(error.message);
  }
  return bookingRefsFiltered.length;
}
