/* Another style: wait(NULL), snprintf, exit in the child. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int fd = open("/dev/zero", O_RDWR);
    char *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (fd < 0 || shared == MAP_FAILED)
        return 1;
    switch (fork()) {
    case -1:
        return 1;
    case 0:
        snprintf(shared, 4096, "%s", "hello from the child");
        exit(0);
    default:
        wait(NULL);
    }
    printf("Parent read: %s\n", shared);
    return 0;
}
