"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('interviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=True),
    sa.Column('published_at', sa.String(length=40), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('event', sa.String(length=200), nullable=True),
    sa.Column('source_name', sa.String(length=200), nullable=True),
    sa.Column('source_url', sa.String(length=2000), nullable=True),
    sa.Column('question_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interviews')),
    sa.UniqueConstraint('slug', name=op.f('uq_interviews_slug'))
    )
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interviews_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_interviews_language'), ['language'], unique=False)
        batch_op.create_index('ix_interviews_title_id', ['title', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interviews_updated_at'), ['updated_at'], unique=False)
    # Serves the default sort (newest first, unknown dates last) and its keyset cursor.
    op.create_index(
        'ix_interviews_published_sort', 'interviews', [sa.text("coalesce(published_at, '')"), 'id'], unique=False
    )

    op.create_table('speakers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('organization', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speakers')),
    sa.UniqueConstraint('slug', name=op.f('uq_speakers_slug'))
    )
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speakers_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_speakers_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_speakers_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_speakers_organization'), ['organization'], unique=False)
        batch_op.create_index(batch_op.f('ix_speakers_updated_at'), ['updated_at'], unique=False)

    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('slug', name=op.f('uq_topics_slug'))
    )
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topics_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_topics_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_topics_updated_at'), ['updated_at'], unique=False)

    op.create_table('interview_topics',
    sa.Column('interview_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], name=op.f('fk_interview_topics_interview_id_interviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_interview_topics_topic_id_topics'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('interview_id', 'topic_id', name=op.f('pk_interview_topics'))
    )
    with op.batch_alter_table('interview_topics', schema=None) as batch_op:
        batch_op.create_index('ix_interview_topics_topic_interview', ['topic_id', 'interview_id'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interview_id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], name=op.f('fk_participants_interview_id_interviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_participants_speaker_id_speakers'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('interview_id', 'speaker_id', 'role', name=op.f('uq_participants_interview_id'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_speaker_interview', ['speaker_id', 'interview_id'], unique=False)

    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interview_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['asked_by_id'], ['speakers.id'], name=op.f('fk_questions_asked_by_id_speakers'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], name=op.f('fk_questions_interview_id_interviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
    sa.UniqueConstraint('interview_id', 'position', name=op.f('uq_questions_interview_id'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index('ix_questions_asked_by_id', ['asked_by_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_updated_at'), ['updated_at'], unique=False)

    op.create_table('answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('interview_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], name=op.f('fk_answers_interview_id_interviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_answers_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_answers_speaker_id_speakers'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answers')),
    sa.UniqueConstraint('question_id', 'position', name=op.f('uq_answers_question_id'))
    )
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answers_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_answers_interview_id', ['interview_id', 'id'], unique=False)
        batch_op.create_index('ix_answers_speaker_id', ['speaker_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answers_updated_at'), ['updated_at'], unique=False)

    op.create_table('question_topics',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_topics_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_question_topics_topic_id_topics'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('question_id', 'topic_id', name=op.f('pk_question_topics'))
    )
    with op.batch_alter_table('question_topics', schema=None) as batch_op:
        batch_op.create_index('ix_question_topics_topic_question', ['topic_id', 'question_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('question_topics', schema=None) as batch_op:
        batch_op.drop_index('ix_question_topics_topic_question')

    op.drop_table('question_topics')
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answers_updated_at'))
        batch_op.drop_index('ix_answers_speaker_id')
        batch_op.drop_index('ix_answers_interview_id')
        batch_op.drop_index(batch_op.f('ix_answers_created_at'))

    op.drop_table('answers')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_updated_at'))
        batch_op.drop_index(batch_op.f('ix_questions_created_at'))
        batch_op.drop_index('ix_questions_asked_by_id')

    op.drop_table('questions')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_speaker_interview')

    op.drop_table('participants')
    with op.batch_alter_table('interview_topics', schema=None) as batch_op:
        batch_op.drop_index('ix_interview_topics_topic_interview')

    op.drop_table('interview_topics')
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topics_updated_at'))
        batch_op.drop_index(batch_op.f('ix_topics_name'))
        batch_op.drop_index(batch_op.f('ix_topics_created_at'))

    op.drop_table('topics')
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speakers_updated_at'))
        batch_op.drop_index(batch_op.f('ix_speakers_organization'))
        batch_op.drop_index(batch_op.f('ix_speakers_name'))
        batch_op.drop_index(batch_op.f('ix_speakers_created_at'))
        batch_op.drop_index(batch_op.f('ix_speakers_country'))

    op.drop_table('speakers')
    op.drop_index('ix_interviews_published_sort', table_name='interviews')
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interviews_updated_at'))
        batch_op.drop_index('ix_interviews_title_id')
        batch_op.drop_index(batch_op.f('ix_interviews_language'))
        batch_op.drop_index(batch_op.f('ix_interviews_created_at'))

    op.drop_table('interviews')
